"""Scanned files (signed decrees): checked by their first bytes and size, stored outside the
database under ``MEDIA_ROOT`` by their SHA-256, which the database records beside the path.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# Magic bytes of the accepted types: (prefix, extension, content type).
SIGNATURES = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
]


def read_checked(upload: Any, field: str = "file") -> tuple[bytes, str, str]:
    """The upload's bytes, extension and content type; refuses a wrong type or a large file."""
    if upload is None:
        raise ValidationError(
            {field: _("Unggah pindaian SK yang ditandatangani (PDF, JPEG atau PNG).")}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {
                field: _("Berkas %(size)s MB terlalu besar; maksimal 5 MB. Perkecil pindaiannya.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}"}
            }
        )
    data = b"".join(upload.chunks())
    if len(data) > MAX_BYTES:
        raise ValidationError({field: _("Berkas terlalu besar; maksimal 5 MB.")})
    for prefix, extension, content_type in SIGNATURES:
        if data.startswith(prefix):
            return data, extension, content_type
    raise ValidationError(
        {
            field: _(
                "Berkas ini bukan PDF, JPEG atau PNG (isinya diperiksa, bukan namanya). "
                "Pindai ulang SK sebagai PDF atau foto."
            )
        }
    )


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
