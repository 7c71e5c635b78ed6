"""Receipt photos: an image by its first bytes, at most 3 MB, stored under ``MEDIA_ROOT`` by
its SHA-256 as every upload is (``organization.uploads``); backups carry the file."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from impsmart.organization import uploads

MAX_BYTES = 3 * 1024 * 1024
FOLDER = "kuitansi"
SIGNATURES = [(b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"RIFF", "webp")]


def checked(upload: Any) -> tuple[bytes, str]:
    """The photo's bytes and extension; refuses a large file or one that is not an image."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"receipt": _("Foto kuitansi terlalu besar (maksimal 3 MB). Kecilkan fotonya.")}
        )
    data = b"".join(upload.chunks())
    for prefix, extension in SIGNATURES:
        if data.startswith(prefix) and (extension != "webp" or data[8:12] == b"WEBP"):
            return data, extension
    raise ValidationError(
        {"receipt": _("Kuitansi harus berupa foto (JPEG, PNG atau WebP); isi berkas diperiksa.")}
    )


def store(data: bytes, extension: str) -> tuple[str, str]:
    """Write the photo once per content; answers its path under MEDIA_ROOT and checksum."""
    return uploads.store(data, FOLDER, extension)
