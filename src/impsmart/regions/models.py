"""Kemendagri regions (provinsi → kabupaten → kecamatan → desa) and local units below desa."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet


class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa/Kelurahan")
    DUSUN = "dusun", _("Dusun/Lingkungan")
    RW = "rw", _("RW")
    RT = "rt", _("RT")


LEVEL_ORDER = [level.value for level in Level]
KEMENDAGRI_LEVELS = LEVEL_ORDER[:4]
LOCAL_LEVELS = LEVEL_ORDER[4:]


class Region(models.Model):
    """One region; ``code`` is Kemendagri's, extended by one segment per local level."""

    scope_field = "code"
    holds_personal_data = False

    code = models.CharField(_("kode"), max_length=40, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    # "kelurahan" for a desa-level code whose fourth segment starts with 1, "kota" for a city.
    kind = models.CharField(_("jenis"), max_length=12, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    boundary = models.JSONField(_("batas (GeoJSON)"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.kind_label} {self.name}"

    @property
    def kind_label(self) -> str:
        if self.level == Level.DESA:
            return "Kelurahan" if self.kind == "kelurahan" else "Desa"
        if self.level == Level.DUSUN:
            return "Lingkungan" if self.parent and self.parent.kind == "kelurahan" else "Dusun"
        if self.level == Level.KABUPATEN:
            return "Kota" if self.kind == "kota" else "Kabupaten"
        return self.get_level_display()

    @property
    def child_level(self) -> str | None:
        index = LEVEL_ORDER.index(self.level)
        return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None

    def ancestors(self) -> list["Region"]:
        """From the province down to the parent, fetched in one query."""
        segments = self.code.split(".")
        codes = [".".join(segments[:i]) for i in range(1, len(segments))]
        return list(Region.objects.filter(code__in=codes).order_by("code"))

    def kabupaten_code(self) -> str:
        return ".".join(self.code.split(".")[:2])


class Deployment(models.Model):
    """The installation's own kabupaten: the default region of the CLI and the home pages."""

    kabupaten = models.OneToOneField(Region, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.kabupaten)

    @classmethod
    def home_kabupaten(cls) -> Region | None:
        deployment = cls.objects.select_related("kabupaten").first()
        return deployment.kabupaten if deployment else None
