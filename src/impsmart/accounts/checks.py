"""System checks: a model that carries a region code is readable only through scope, and
every scoped model says whether it holds personal data (no default either way)."""

from collections.abc import Iterable

from django.apps import apps
from django.core import checks
from django.db import models

from impsmart.accounts.scope import ScopedQuerySet, scope_field_of


@checks.register()
def scoped_models_use_scoped_queryset(app_configs, **kwargs):
    return scope_errors(apps.get_models())


def scope_errors(found: Iterable[type[models.Model]]) -> list[checks.CheckMessage]:
    errors = []
    for model in found:
        if model._meta.app_config.name.startswith("impsmart."):
            errors += _model_errors(model)
    return errors


def _model_errors(model: type[models.Model]) -> list[checks.CheckMessage]:
    errors = []
    field_names = {f.name for f in model._meta.get_fields()}
    holds_region = "region_code" in field_names or hasattr(model, "scope_field")
    scoped = isinstance(model._default_manager.all(), ScopedQuerySet)
    if holds_region and scope_field_of(model).split("__")[0] not in field_names:
        errors.append(checks.Error(f"{model._meta.label}: scope field missing", id="scope.E002"))
    if holds_region and not scoped:
        errors.append(
            checks.Error(
                f"{model._meta.label} holds region data but its manager is not scoped",
                hint="objects = ScopedQuerySet.as_manager()",
                id="scope.E001",
            )
        )
    if (holds_region or scoped) and not isinstance(vars(model).get("holds_personal_data"), bool):
        errors.append(
            checks.Error(
                f"{model._meta.label} does not say whether it holds personal data",
                hint="holds_personal_data = True (names, NIK, health) or False (figures)",
                id="scope.E003",
            )
        )
    return errors
