"""What a kept home block reads must be what it declares (``HomeBlock.reads``).

A kept block is recomputed only after a write to a model it declares; a model it queries but
does not declare would leave it stale. ``check_reads`` renders every declared block for a
user and maps every table its queries name to its model (an automatic many-to-many table to
the model that owns it).
"""

import re

from django.apps import apps
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from impsmart import plugins
from impsmart.accounts.audit import is_audited

TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?')


def _owners() -> dict[str, str]:
    owners = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model  # a many-to-many table: its owner
        owners[model._meta.db_table] = owner._meta.label
    return owners


def undeclared_reads(user) -> dict[str, set[str]]:
    """Per kept block shown to ``user``: the models it queried without declaring them."""
    owners = _owners()
    request = RequestFactory().get("/")
    request.user = user
    found = {}
    for block in plugins.home_blocks_for(user):
        if not block.reads:
            continue
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string(block.template, block.context_for(user), request)
        assert "csrfmiddlewaretoken" not in html, f"{block.template}: a form is never kept"
        read = {owners[t] for q in queries for t in TABLE.findall(q["sql"]) if t in owners}
        found[block.template] = read - set(block.reads)
    return found


def undeclarable() -> list[str]:
    """Declared models whose writes leave no audit event (so never change a data version)."""
    return [
        label
        for block in plugins.home_blocks()
        for label in block.reads
        if not is_audited(apps.get_model(label))
    ]
