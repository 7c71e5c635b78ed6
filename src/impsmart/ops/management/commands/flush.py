"""Django's ``flush``, allowed to empty the append-only tables (``impsmart.append_only``).

The demo starts afresh with it and the test runner empties the database between browser
tests; everything runs in one transaction, so a failure leaves the data as it was.
"""

from django.core.management.commands.flush import Command as Flush
from django.db import transaction

from impsmart import append_only


class Command(Flush):
    def handle(self, **options):
        using = options["database"]
        with transaction.atomic(using=using), append_only.emptying(using):
            return super().handle(**options)
