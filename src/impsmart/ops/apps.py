from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

# Statements a PostgreSQL connection keeps prepared (psycopg keeps 100): fifty cadres' pages
# run about a thousand. Their plans took 93 MB of the server's memory per connection in the
# load benchmark (75 → 168 MB).
PREPARED_MAX = 2000


def keep_prepared(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql":
        connection.connection.prepared_max = PREPARED_MAX


class OpsConfig(AppConfig):
    """Operations: serving, backup and restore, benchmarks."""

    name = "impsmart.ops"
    verbose_name = _("Operasi")

    def ready(self) -> None:
        connection_created.connect(keep_prepared)
