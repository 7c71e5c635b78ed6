"""Uploaded files (signed decrees, receipt photos): checked by their first bytes and size
(one check, ``read_checked``, with what each kind ``Accepted``), stored outside the database
under ``MEDIA_ROOT`` by their SHA-256, which the database records beside the path.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _lazy

MAX_BYTES = 5 * 1024 * 1024
# Magic bytes of the types an upload may have: extension → (prefix, content type).
TYPES = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "webp": (b"RIFF", "image/webp"),  # RIFF, a length, then WEBP
}


@dataclass(frozen=True)
class Accepted:
    """What one kind of upload may be, and what its refusals say (``%(size)s``: MB sent)."""

    extensions: tuple[str, ...]
    max_bytes: int
    missing: str
    too_large: str
    wrong_type: str


SCAN = Accepted(
    extensions=("pdf", "jpg", "png"),
    max_bytes=MAX_BYTES,
    missing=_lazy("Unggah pindaian SK yang ditandatangani (PDF, JPEG atau PNG)."),
    too_large=_lazy("Berkas %(size)s MB terlalu besar; maksimal 5 MB. Perkecil pindaiannya."),
    wrong_type=_lazy(
        "Berkas ini bukan PDF, JPEG atau PNG (isinya diperiksa, bukan namanya). "
        "Pindai ulang SK sebagai PDF atau foto."
    ),
)


def file_type(data: bytes, extensions: tuple[str, ...]) -> str | None:
    """The extension among ``extensions`` that the first bytes of ``data`` show, or None."""
    for extension in extensions:
        prefix, _content_type = TYPES[extension]
        if data.startswith(prefix) and (extension != "webp" or data[8:12] == b"WEBP"):
            return extension
    return None


def read_checked(
    upload: Any, field: str = "file", accepted: Accepted = SCAN
) -> tuple[bytes, str, str]:
    """The upload's bytes, extension and content type; refuses a wrong type or a large file."""
    if upload is None:
        raise ValidationError({field: str(accepted.missing)})
    too_large = str(accepted.too_large) % {"size": f"{upload.size / 1024 / 1024:.1f}"}
    if upload.size > accepted.max_bytes:
        raise ValidationError({field: too_large})
    data = b"".join(upload.chunks())
    if len(data) > accepted.max_bytes:
        raise ValidationError({field: too_large})
    extension = file_type(data, accepted.extensions)
    if extension is None:
        raise ValidationError({field: str(accepted.wrong_type)})
    return data, extension, TYPES[extension][1]


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(data: bytes, folder: str, extension: str) -> tuple[str, str]:
    """Write ``data`` (once per content) and answer its relative path and checksum."""
    digest = sha256(data)
    relative = f"{folder}/{digest}.{extension}"
    write(relative, data)
    return relative, digest


def write(relative: str, data: bytes) -> None:
    target = media_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def read(relative: str, digest: str) -> bytes:
    """A stored file's bytes; OSError when missing, ValueError when its checksum differs."""
    data = (media_root() / relative).read_bytes()
    if sha256(data) != digest:
        raise ValueError(f"checksum {relative}")
    return data
