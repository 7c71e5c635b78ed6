"""Password rules in Indonesian, and the temporary passwords of a reset."""

import secrets

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.utils.translation import gettext as _

# No 0/o, 1/l/i: read out over the phone to a cadre without confusion.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class SimilarityValidator(UserAttributeSimilarityValidator):
    """Django's check against the username and names, saying what to do instead."""

    def get_error_message(self):
        return _(
            "Kata sandi terlalu mirip dengan %(verbose_name)s. "
            "Pilih kata sandi yang tidak memuat nama pengguna atau nama Anda."
        )

    def get_help_text(self):
        return _("Kata sandi tidak boleh mirip dengan nama pengguna atau nama Anda.")


def temporary_password() -> str:
    """Three groups of four letters and digits, e.g. ``k7mp-2xq9-ht4w`` (about 59 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))
