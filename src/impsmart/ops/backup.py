"""Backup and restore: a portable, streaming copy of the whole database.

The file is gzip-compressed JSON lines, the same on SQLite and PostgreSQL, so a backup taken
on one engine restores on the other (this is also how a site moves from SQLite to PostgreSQL):

    {"format": "impsmart-backup", "version": 1, "created_at": …, "engine": …,
     "django_migrations": {app: latest applied migration}}
    {"model": "regions.Region", "fields": ["code", "name", …]}
    ["73", "Sulawesi Selatan", …]                 one line per row, in primary-key order
    …                                             every model, parents before children
    {"file": "sk/….pdf", "sha256": …, "data": base64}   every uploaded file (``MEDIA_ROOT``)
    {"end": {"rows": N, "tables": M, "files": F}}

Values are stored as JSON-safe equivalents (datetimes and dates in ISO 8601 with microseconds,
decimals as strings, binary as base64) and read back with ``field.to_python``. Uploaded files
(scanned decrees, receipt photos) travel in the same stream; a restore checks each against its
SHA-256 and puts them in place only once the database part has committed. Version 1 files (no
uploads) still restore. Sessions are not kept: a restore signs everyone out, so no old session
can point at a different user.

Append-only tables (``impsmart.append_only``) are emptied under that module's ``emptying()``
flag.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import decimal
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.duration import duration_string

from impsmart import append_only
from impsmart.accounts import audit

FORMAT = "impsmart-backup"
VERSION = 2
READABLE_VERSIONS = {1, 2}
CHUNK = 2000
# Transient tables that are emptied on restore rather than carried over (the stored PUS
# months are rebuilt from the restored registers when a report first asks for them).
TRANSIENT = {
    "sessions.Session",
    "families.PusMonth",
    "families.PusMonthBuilt",
    "families.PusTally",
    "families.PusYear",
}


@dataclass
class Summary:
    rows: int = 0
    tables: int = 0
    files: int = 0


# --- what to copy, in which order ------------------------------------------------------


def backup_models() -> list[type[models.Model]]:
    """Every table-backed model (many-to-many tables included), parents before children."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label not in TRANSIENT
    ]
    ordered: list[type[models.Model]] = []
    pending = sorted(candidates, key=lambda m: m._meta.label)
    while pending:
        ready = [m for m in pending if not (_parents(m) & set(pending))]
        # A cycle between models (none today) is harmless: foreign keys are checked at commit.
        ordered += ready or pending[:1]
        pending = [m for m in pending if m not in ordered]
    return ordered


def _parents(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        f.related_model._meta.concrete_model
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model._meta.concrete_model is not model
    }


def stored_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The latest applied migration of each app (Django numbers them, so the name sorts)."""
    state: dict[str, str] = {}
    for app, name in MigrationLoader(connections[using]).applied_migrations:
        state[app] = max(name, state.get(app, ""))
    return dict(sorted(state.items()))


# --- values ----------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


# --- backup ----------------------------------------------------------------------------


class BackupError(CommandError):
    """The file cannot be written or restored; the message says why, in Indonesian."""


def backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write a consistent snapshot to ``path`` (via a temporary file, renamed when complete)."""
    partial = path.with_name(path.name + ".partial")
    try:
        with gzip.open(partial, "wt", encoding="utf-8", newline="\n") as out, _snapshot(using):
            summary = _write(out, using)
        os.replace(partial, path)
    except OSError as error:
        raise BackupError(f"Cadangan tidak bisa ditulis ke {path}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return summary


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction for the whole read; on PostgreSQL a REPEATABLE READ snapshot."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write(out, using: str) -> Summary:
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": connections[using].vendor,
        "django_migrations": migration_state(using),
    }
    _line(out, header)
    summary = Summary()
    for model in backup_models():
        fields = stored_fields(model)
        _line(out, {"model": model._meta.label, "fields": [f.attname for f in fields]})
        rows = model._base_manager.using(using).order_by("pk")
        for row in rows.values_list(*[f.attname for f in fields]).iterator(chunk_size=CHUNK):
            _line(out, [to_json(v) for v in row])
            summary.rows += 1
        summary.tables += 1
    for relative, path in media_files():
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        _line(out, {"file": relative, "sha256": digest, "data": base64.b64encode(data).decode()})
        summary.files += 1
    _line(out, {"end": vars(summary)})
    return summary


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files() -> Iterator[tuple[str, Path]]:
    """Every uploaded file (relative path, path), in path order; half-written ones left out."""
    root = media_root()
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.endswith(".partial"):
            yield path.relative_to(root).as_posix(), path


def _line(out, value: Any) -> None:
    out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")


# --- restore ---------------------------------------------------------------------------


def restore(path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Replace the whole database with the backup, all or nothing."""
    header = read_header(path)
    call_command("migrate", interactive=False, verbosity=0, database=using)
    check_migrations(header, using)
    staging = Path(tempfile.mkdtemp(prefix="impsmart-restore-"))
    try:
        with transaction.atomic(using=using):
            with append_only.emptying(using):
                _empty_tables(using)
            with contextlib.closing(_lines(path)) as lines:
                summary = _load(lines, using, staging)
            _reset_sequences(using)
            audit.record(
                "event",
                "ops.Restore",
                path.name,
                "",
                None,
                {"file": path.name, "created_at": header.get("created_at"), **vars(summary)},
            )
    except (OSError, EOFError, ValueError, TypeError, KeyError, ValidationError) as error:
        raise BackupError(
            f"Berkas cadangan {path} rusak atau terpotong; basis data tidak diubah. ({error})"
        ) from error
    except DatabaseError as error:
        raise BackupError(
            f"Isi cadangan {path} ditolak basis data; basis data tidak diubah. ({error})"
        ) from error
    else:
        _place_files(staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _stage_file(item: dict, staging: Path) -> None:
    """Decode one carried file into ``staging``; refuses a checksum mismatch or a path escape."""
    relative = Path(item["file"])
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"jalur berkas tidak sah: {item['file']}")
    data = base64.b64decode(item["data"], validate=True)
    if hashlib.sha256(data).hexdigest() != item["sha256"]:
        raise ValueError(f"checksum berkas {item['file']} tidak cocok")
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _place_files(staging: Path) -> None:
    root = media_root()
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)


def read_header(path: Path) -> dict:
    try:
        with contextlib.closing(_lines(path)) as lines:
            first = next(lines, None)
    except FileNotFoundError as error:
        raise BackupError(f"Berkas cadangan {path} tidak ditemukan.") from error
    except (OSError, EOFError, ValueError) as error:
        raise BackupError(f"Berkas {path} bukan cadangan IMP Smart: {error}") from error
    if not isinstance(first, dict) or first.get("format") != FORMAT:
        raise BackupError(f"Berkas {path} bukan cadangan IMP Smart (kepala berkas tidak dikenal).")
    if first.get("version") not in READABLE_VERSIONS:
        raise BackupError(
            f"Cadangan {path} memakai format versi {first.get('version')}; "
            f"versi ini hanya mengenal versi {VERSION}. Perbarui IMP Smart."
        )
    if not isinstance(first.get("django_migrations"), dict):
        raise BackupError(f"Kepala berkas {path} tidak memuat status migrasi.")
    return first


def check_migrations(header: dict, using: str) -> None:
    """The backup must come from the same schema as this database now has."""
    ours, theirs = migration_state(using), header["django_migrations"]
    if ours == theirs:
        return
    known = MigrationLoader(connections[using]).graph.nodes
    newer = sorted(f"{app}.{name}" for app, name in theirs.items() if (app, name) not in known)
    if newer:
        raise BackupError(
            "Cadangan dibuat oleh versi IMP Smart yang lebih baru (migrasi tidak dikenal: "
            f"{', '.join(newer)}). Perbarui IMP Smart dulu, lalu pulihkan lagi."
        )
    differ = [
        f"{app}: {theirs.get(app, '-')} ≠ {ours.get(app, '-')}"
        for app in sorted(ours.keys() | theirs.keys())
        if ours.get(app) != theirs.get(app)
    ]
    raise BackupError(
        "Cadangan dibuat oleh versi IMP Smart yang lebih lama (migrasi cadangan ≠ basis data: "
        f"{'; '.join(differ)}). Pulihkan dengan versi yang membuatnya, lalu jalankan migrate."
    )


def _lines(path: Path) -> Iterator[Any]:
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as lines:
        for line in lines:
            yield json.loads(line)


def _empty_tables(using: str) -> None:
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


def _load(lines: Iterator[Any], using: str, staging: Path) -> Summary:
    next(lines)  # the header, already checked
    by_label = {m._meta.label: m for m in backup_models()}
    summary, end = Summary(), None
    batch: _Batch | None = None
    for item in lines:
        if isinstance(item, list):
            if batch is None:
                raise ValueError("baris data sebelum nama tabel")
            batch.add(item)
        elif "model" in item:
            if batch is not None:
                summary.rows += batch.flush()
            batch = _Batch(_model_for(item, by_label), using)
            summary.tables += 1
        elif "file" in item:
            _stage_file(item, staging)
            summary.files += 1
        elif "end" in item:
            end = {"files": 0, **item["end"]}
            break
        else:
            raise ValueError(f"baris tidak dikenal: {str(item)[:80]}")
    if batch is not None:
        summary.rows += batch.flush()
    if end is not None:
        end.setdefault("files", 0)  # backups made before files were carried
    if end != vars(summary):
        raise ValueError(f"penutup berkas tidak ada atau tidak cocok ({end} ≠ {vars(summary)})")
    return summary


def _model_for(item: dict, by_label: dict) -> type[models.Model]:
    model = by_label.get(item["model"])
    if model is None:
        raise ValueError(f"tabel {item['model']} tidak dikenal")
    if item["fields"] != [f.attname for f in stored_fields(model)]:
        raise ValueError(f"kolom tabel {item['model']} berbeda dari skema saat ini")
    return model


class _Batch:
    """Rows of one model, inserted a batch at a time without ``pre_save`` (keeps auto_now)."""

    def __init__(self, model: type[models.Model], using: str):
        self.model, self.using = model, using
        self.fields = stored_fields(model)
        connection = connections[using]
        # Stay under every engine's limit on parameters per statement (PostgreSQL: 65,535).
        fitting = connection.ops.bulk_batch_size(self.fields, [None] * CHUNK)
        self.size = max(1, min(fitting, 30_000 // len(self.fields)))
        self.pending: list[models.Model] = []
        self.count = 0

    def add(self, values: list) -> None:
        if len(values) != len(self.fields):
            raise ValueError(f"baris {self.model._meta.label} berisi {len(values)} nilai")
        data = {f.attname: f.to_python(v) for f, v in zip(self.fields, values, strict=True)}
        self.pending.append(self.model(**data))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> int:
        if self.pending:
            # raw=True is how loaddata inserts: values exactly as given, no signals.
            self.model._base_manager.using(self.using)._insert(
                self.pending, fields=self.fields, raw=True, using=self.using
            )
            self.count += len(self.pending)
            self.pending = []
        return self.count


def _reset_sequences(using: str) -> None:
    """Let new rows continue after the restored ids (PostgreSQL; SQLite needs nothing)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), backup_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
