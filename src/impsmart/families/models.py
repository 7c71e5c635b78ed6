"""Families and their members by name and address (as SIGA), with contraceptive-use history.

Contraceptive use is a history of episodes, never a status field: the monthly PUS status,
new acceptors, switches and drop-outs are all computed from it (``families/status.py``).
Every model here holds personal data: it is read only through ``visible_to``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet
from impsmart.families import codes


class Family(models.Model):
    """A family card (Kartu Keluarga) living at an address in a dusun/RW/RT of a desa.

    Poktan membership (BKB, BKR, BKL, UPPKA) is a dated ``groups.Membership``.
    """

    holds_personal_data = True

    region_code = models.CharField(_("wilayah"), max_length=40)
    kk_number = models.CharField(_("nomor KK"), max_length=16, unique=True)
    address = models.CharField(_("alamat"), max_length=200, blank=True)
    lat = models.FloatField(_("lintang"), null=True, blank=True)
    lng = models.FloatField(_("bujur"), null=True, blank=True)
    jkn = models.BooleanField(_("peserta JKN"), null=True, blank=True)
    ks_answers = models.JSONField(_("jawaban indikator KS"), default=dict, blank=True)
    ks_stage = models.CharField(
        _("tahapan KS"), max_length=10, choices=codes.KsStage.choices, blank=True
    )
    registered_on = models.DateField(_("tanggal pendataan"))
    # Mutasi of the whole family: it moved out of the region or dissolved.
    closed_on = models.DateField(_("keluar/bubar pada"), null=True, blank=True)
    closed_reason = models.CharField(_("alasan"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region_code", "kk_number"]
        # Leads with the region code for scope; the rest covers the monthly family counts.
        indexes = [
            models.Index(
                fields=["region_code", "registered_on", "closed_on"], name="family_region_counts"
            ),
            # A region's families in list order: the family list's page is read, not sorted.
            models.Index(fields=["region_code", "kk_number"], name="family_region_list"),
        ]
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")

    def __str__(self) -> str:
        return f"KK {self.kk_number}"


class Member(models.Model):
    holds_personal_data = True
    scope_field = "family__region_code"

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="members")
    nik = models.CharField(_("NIK"), max_length=16, blank=True, db_index=True)
    # The user confirmed a NIK that contradicts birth date or sex (domain.md §3).
    nik_mismatch_confirmed = models.BooleanField(default=False)
    name = models.CharField(_("nama"), max_length=120)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=codes.Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    relation = models.CharField(
        _("hubungan dengan KK"), max_length=12, choices=codes.Relation.choices
    )
    marital_status = models.CharField(
        _("status kawin"), max_length=12, choices=codes.Marital.choices
    )
    # The husband of a married woman in the same family: together they may be a PUS.
    spouse = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suami/istri"),
    )
    education = models.CharField(
        _("pendidikan"), max_length=14, choices=codes.Education.choices, blank=True
    )
    occupation = models.CharField(_("pekerjaan"), max_length=60, blank=True)
    jkn = models.BooleanField(_("peserta JKN"), null=True, blank=True)
    joined_on = models.DateField(_("masuk keluarga pada"), null=True, blank=True)
    left_on = models.DateField(_("keluar pada"), null=True, blank=True)
    left_reason = models.CharField(
        _("alasan keluar"), max_length=14, choices=codes.ExitReason.choices, blank=True
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["family", "birth_date"]
        # A region's present members (the visit list, the register) straight from the index,
        # without reading each member's row.
        indexes = [models.Index(fields=["family", "left_on"], name="member_family_present")]
        verbose_name = _("anggota keluarga")
        verbose_name_plural = _("anggota keluarga")

    def __str__(self) -> str:
        return self.name


class FamilyText(models.Model):
    """What the family list's search reads of a family: its address and every member's name
    (also of those who left), in capitals, one per line, with the family's region code.

    Derived, never edited: ``families/family_text.py`` keeps it equal to the registers. A
    desa's search reads its few thousand rows by the region-code index, instead of looking up
    the members of every family of the desa (25-45 ms on PostgreSQL for the largest desa).
    """

    holds_personal_data = True

    family = models.OneToOneField(
        Family, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    region_code = models.CharField(max_length=40)
    text = models.TextField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["region_code"], name="family_text_region")]

    def __str__(self) -> str:
        return f"{self.family_id} {self.region_code}"


class ContraceptiveEpisode(models.Model):
    """One continuous use of one method by a PUS (recorded on the wife, also for MOP/kondom)."""

    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="episodes")
    method = models.CharField(_("metode"), max_length=8, choices=codes.Method.choices)
    # The WHO MEC type where known (COC/POP for PIL, CU_IUD/LNG_IUD for IUD).
    method_type = models.CharField(_("jenis"), max_length=8, blank=True)
    start_date = models.DateField(_("mulai"))
    # The first day without this method; empty while in use.
    end_date = models.DateField(_("berhenti"), null=True, blank=True)
    end_reason = models.CharField(
        _("alasan berhenti"), max_length=14, choices=codes.EndReason.choices, blank=True
    )
    jalur = models.CharField(_("jalur"), max_length=10, choices=codes.Jalur.choices, blank=True)
    place = models.CharField(
        _("tempat pelayanan"), max_length=10, choices=codes.Place.choices, blank=True
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member", "start_date"]
        # Finds a month's new episodes (acceptors, switches) without a scan, and whose they
        # are without reading the rows (a 24-month trend walks 50,000 of them).
        indexes = [models.Index(fields=["start_date", "member"], name="episode_start_member")]
        # Episodes never overlap, so no two start on one day: a repeated "mulai KB" stores once.
        constraints = [
            models.UniqueConstraint(fields=["member", "start_date"], name="episode_start_once")
        ]
        verbose_name = _("episode ber-KB")
        verbose_name_plural = _("episode ber-KB")

    def __str__(self) -> str:
        return f"{self.method} {self.start_date}–{self.end_date or ''}"


class Pregnancy(models.Model):
    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="pregnancies")
    start_date = models.DateField(_("mulai hamil (atau pertama diketahui)"))
    outcome_date = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=12, choices=codes.Outcome.choices, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member", "start_date"]
        # Her last pregnancy ended by a day (a new acceptor's rule) without a sort.
        indexes = [models.Index(fields=["member", "outcome_date"], name="pregnancy_member_outcome")]
        constraints = [
            models.UniqueConstraint(fields=["member", "start_date"], name="pregnancy_start_once")
        ]
        verbose_name = _("kehamilan")
        verbose_name_plural = _("kehamilan")

    def __str__(self) -> str:
        return f"hamil {self.start_date}"


class IntentionRecord(models.Model):
    """A non-user's dated wish: a child soon (IAS), later (IAT) or no more (TIAL)."""

    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="intentions")
    recorded_on = models.DateField(_("tanggal"))
    intention = models.CharField(_("keinginan"), max_length=4, choices=codes.Intention.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member", "recorded_on"]
        # One wish per day: a later entry of the same day corrects the earlier one.
        constraints = [
            models.UniqueConstraint(fields=["member", "recorded_on"], name="intention_once_a_day")
        ]
        verbose_name = _("keinginan ber-anak")
        verbose_name_plural = _("keinginan ber-anak")

    def __str__(self) -> str:
        return f"{self.intention} {self.recorded_on}"


class PusMonth(models.Model):
    """One PUS's facts at the end of one month, copied from ``status.with_month_facts``.

    Derived, never edited: ``families/pus_months.py`` builds a month once and refreshes a
    family's rows whenever its records change, so that a month's reports count one row per
    PUS instead of re-deriving every status from the histories.
    """

    holds_personal_data = True

    # One row per PUS and month: the key, on which a refresh's statements and the register's
    # per-woman reads walk. No ``id``: each stored row costs one index entry fewer (the
    # import writes tens of thousands of them).
    pk = models.CompositePrimaryKey("member", "month")
    month = models.DateField()  # the first day
    member = models.ForeignKey(
        Member, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    family = models.ForeignKey(
        Family, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    region_code = models.CharField(max_length=40)
    status = models.CharField(max_length=8)
    jalur = models.CharField(max_length=10, null=True)
    drop_out = models.BooleanField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        # SQLite's indexes. PostgreSQL has neither (families 0010): there the primary key
        # INCLUDEs status and jalur, standing for ``pus_month_member``, and the "C" index of
        # region codes (month, region code, status, jalur, drop-out, member) for the other.
        indexes = [
            # Covers a report's whole query: one month, a region prefix, grouped by the rest.
            models.Index(fields=["month", "region_code", "status", "jalur", "drop_out"]),
            # Covers a region's register: each woman's months with their status, read by
            # walking the region's members once (``pus_months.statuses_of_months``).
            models.Index(fields=["member", "month", "status", "jalur"], name="pus_month_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%Y-%m} {self.status}"


class PusYear(models.Model):
    """A PUS's first stored month of a year: ``PusMonth`` grouped by member and year.

    A register of the year so far lists the women with a stored month from January to the
    current one, that is those whose first month of the year is no later. Counting them here
    reads one row per woman; counting distinct women among the stored months read eleven
    (``register._counted``). Derived by ``families/pus_months.py`` with the months, in the
    same statements' transaction. All stored months of a member carry her family's current
    code, so one row per member and year does too.
    """

    holds_personal_data = True

    pk = models.CompositePrimaryKey("member", "year")
    member = models.ForeignKey(
        Member, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    year = models.SmallIntegerField()
    family = models.ForeignKey(
        Family, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    region_code = models.CharField(max_length=40)
    first_month = models.DateField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        # SQLite's; PostgreSQL has it in the "C" collation instead (families 0016).
        indexes = [
            models.Index(fields=["year", "region_code", "first_month"], name="pus_year_region")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.year}: {self.first_month:%Y-%m}"


class PusTally(models.Model):
    """How many stored ``PusMonth`` rows share a month, region code, status, jalur and drop-out.

    Derived from ``PusMonth`` by ``families/pus_months.py`` in the same statements that write
    it (a built month adds its counts; a refresh takes away the rows it deletes and adds the
    rows it inserts), so a trend over many months reads hundreds of rows instead of millions.
    A count may drop to 0 and stay: a zero adds nothing to a sum.
    """

    month = models.DateField()  # the first day
    region_code = models.CharField(max_length=40)  # the families' own code (desa or dusun)
    status = models.CharField(max_length=8)
    jalur = models.CharField(max_length=10, blank=True, default="")  # "": no method in use
    drop_out = models.BooleanField()
    n = models.IntegerField()

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False  # counts per region and status, no person

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region_code", "status", "jalur", "drop_out"],
                name="pus_tally_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.region_code} {self.status}: {self.n}"


class PusMonthBuilt(models.Model):
    """A month whose ``PusMonth`` rows exist for the whole database."""

    month = models.DateField(primary_key=True)
    built_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
