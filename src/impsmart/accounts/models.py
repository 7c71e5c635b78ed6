"""Users with a role and a region scope, API tokens, and the audit trail."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import Role, role_may
from impsmart.accounts.scope import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    pass


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who signs in; ``region_code`` is the primary scope (a PKB adds more desa)."""

    role = models.CharField(_("peran"), max_length=24, choices=Role.choices)
    region_code = models.CharField(_("wilayah"), max_length=40, blank=True)
    # A PKB/PLKB supervises several desa (desa binaan) beside the primary one.
    extra_region_codes = models.JSONField(_("wilayah tambahan"), default=list, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    # Set when someone else chose the password (a reset, a new account): every page but the
    # password change leads there, and the API refuses, until the user picks their own.
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    # The hash is masked in the audit trail; this date shows there that the password changed.
    password_changed_at = models.DateTimeField(_("kata sandi diganti"), null=True, blank=True)

    objects = UserManager()
    scope_field = "region_code"
    holds_personal_data = True  # staff names and phone numbers

    class Meta:
        ordering = ["username"]
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def scope_codes(self) -> list[str]:
        return [c for c in [self.region_code, *self.extra_region_codes] if c]

    def may(self, permission: str) -> bool:
        return self.is_active and role_may(self.role, permission)


def token_lifetime() -> timedelta:
    return timedelta(days=settings.IMPSMART_API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def alive(self):
        # The real clock, as ``created_at`` (auto_now_add) uses on issue, not impsmart.dates:
        # a pinned "today" (tests, training rooms) must not make tokens immortal or stillborn.
        return self.filter(created_at__gt=timezone.now() - token_lifetime())


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its hash is stored. It lives
    ``IMPSMART_API_TOKEN_DAYS`` days and dies with a password change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"token {self.user} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=cls.hash(raw))
        return raw


class AuditEvent(models.Model):
    """One create, update or delete of a record: who, when, before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("buat")
        UPDATE = "update", _("ubah")
        DELETE = "delete", _("hapus")
        EVENT = "event", _("peristiwa")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("aksi"), max_length=8, choices=Action.choices)
    model = models.CharField(_("data"), max_length=80)
    object_pk = models.CharField(max_length=64)
    region_code = models.CharField(_("wilayah"), max_length=40, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "region_code"
    holds_personal_data = True  # before/after snapshots of family records

    class Meta:
        ordering = ["-at", "-id"]
        # Each model's latest event in one index step (``audit.data_version_of``).
        indexes = [models.Index(fields=["model", "id"], name="audit_model_latest")]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")

    def __str__(self) -> str:
        return f"{self.action} {self.model} {self.object_pk}"

    def changes(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
