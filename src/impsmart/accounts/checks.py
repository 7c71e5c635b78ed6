"""System check: a model that carries a region code must be readable only through scope."""

from django.apps import apps
from django.core import checks

from impsmart.accounts.scope import ScopedQuerySet, scope_field_of


@checks.register()
def scoped_models_use_scoped_queryset(app_configs, **kwargs):
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("impsmart."):
            continue
        field_names = {f.name for f in model._meta.get_fields()}
        if "region_code" not in field_names and not hasattr(model, "scope_field"):
            continue
        if scope_field_of(model).split("__")[0] not in field_names:
            errors.append(
                checks.Error(f"{model._meta.label}: scope field missing", id="scope.E002")
            )
        if not isinstance(model._default_manager.all(), ScopedQuerySet):
            errors.append(
                checks.Error(
                    f"{model._meta.label} holds region data but its manager is not scoped",
                    hint="objects = ScopedQuerySet.as_manager()",
                    id="scope.E001",
                )
            )
    return errors
