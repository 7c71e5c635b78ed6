"""A province-sized database from one generated kabupaten: its registers copied under other codes.

Generating 24 kabupaten × 200,000 families with the demo generator takes hours on two cores,
so the simulation generates one kabupaten (``impsmart demo``) and copies its families,
members, KB episodes, pregnancies, intentions and stored PUS months under other kabupaten
codes of South Sulawesi (new ids; region codes, Nomor KK and NIK re-prefixed). The copies
carry no users or regions of their own: they are the other kabupaten's rows that every
query of the first kabupaten's cadres must step over in the shared tables and indexes.

    DATABASE_URL=postgres://… python bench/province.py 73.71 73.08 73.09 73.10

Then ``impsmart bench --database "$DATABASE_URL" --only pages register_write load``
measures the first kabupaten's pages, writes and load on the province-sized tables.
"""

from __future__ import annotations

import os
import sys
import time

# Parents before children, so that every foreign key finds its row.
TABLES = (
    "families_family",
    "families_member",
    "families_contraceptiveepisode",
    "families_pregnancy",
    "families_intentionrecord",
    "families_pusmonth",
    "families_pustally",
)
SHIFTED = {"id", "family_id", "member_id", "spouse_id"}
KEYS = {"families_pusmonth": "member_id"}  # keyed by (member, month): no id


def _expression(column: str, source: str, target: str, offset: int) -> str:
    digits, new_digits = source.replace(".", ""), target.replace(".", "")
    if column in SHIFTED:
        return f"{column} + {offset}"
    if column == "region_code":
        return f"'{target}' || substr(region_code, {len(source) + 1})"
    if column in ("kk_number", "nik"):
        keep = f"substr({column}, {len(digits) + 1})"
        return f"CASE WHEN {column} = '' THEN '' ELSE '{new_digits}' || {keep} END"
    return column


def replicate(source: str, targets: list[str]) -> None:
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM families_member")
        offset = 10 ** len(str(cursor.fetchone()[0] or 1))  # above every id of every table
        for table in TABLES:
            cursor.execute(f"SELECT max({KEYS.get(table, 'id')}) FROM {table}")
            offset = max(offset, 10 ** len(str(cursor.fetchone()[0] or 1)))
        for number, target in enumerate(targets, start=1):
            started = time.perf_counter()
            with transaction.atomic():
                for table in TABLES:
                    columns = [c.name for c in connection.introspection.get_table_description(
                        cursor, table
                    )]  # fmt: skip
                    values = ", ".join(
                        _expression(c, source, target, number * offset) for c in columns
                    )
                    cursor.execute(
                        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} "
                        f"WHERE {KEYS.get(table, 'id')} < {offset}"
                    )
            print(f"{target}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for table in (table for table in TABLES if table not in KEYS):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        cursor.execute("ANALYZE")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
    import django

    django.setup()
    from impsmart.regions.models import Level, Region

    source = Region.objects.get(level=Level.KABUPATEN).code
    replicate(source, sys.argv[1:])


if __name__ == "__main__":
    main()
