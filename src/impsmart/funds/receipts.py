"""Receipt photos: an image by its first bytes, at most 3 MB, checked and stored under
``MEDIA_ROOT`` by its SHA-256 as every upload is (``organization.uploads``); backups carry the
file."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from impsmart.organization import uploads

FOLDER = "kuitansi"
PHOTO = uploads.Accepted(
    extensions=("jpg", "png", "webp"),
    max_bytes=3 * 1024 * 1024,
    missing=_("Pilih foto kuitansi."),
    too_large=_("Foto kuitansi terlalu besar (maksimal 3 MB). Kecilkan fotonya."),
    wrong_type=_("Kuitansi harus berupa foto (JPEG, PNG atau WebP); isi berkas diperiksa."),
)


def checked(upload: Any) -> tuple[bytes, str]:
    """The photo's bytes and extension; refuses a large file or one that is not an image."""
    data, extension, _content_type = uploads.read_checked(upload, "receipt", PHOTO)
    return data, extension


def store(data: bytes, extension: str) -> tuple[str, str]:
    """Write the photo once per content; answers its path under MEDIA_ROOT and checksum."""
    return uploads.store(data, FOLDER, extension)
