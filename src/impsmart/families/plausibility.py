"""Plausibility of the register's dates and ages: what cannot be true, and what rarely is.

Impossible facts are refused with a ``ValidationError`` keyed by field. Implausible ones raise
``ConfirmationRequired`` until the caller passes ``confirmed=True``: the same flag, and in the
pages the same checkbox (``forms.ConfirmForm``), as a NIK that contradicts the birth date.
The register's actions (``actions.py``, ``contraception.py``) and the counselling actions run
these checks, so the pages, the import and the API refuse the same facts with the same words.

Only a wish (IAS/IAT/TIAL) is "long ago" past ``STALE_YEARS``: it says what she wants now.
Births, pregnancies and their outcomes, method starts and ends (an implant or IUD runs for
years), registrations and mutasi are history a cadre often enters years later (catching up a
register, importing an old one); they are only checked for being possible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.families import codes
from impsmart.forms_submit import ConfirmationRequired

EARLIEST = dt.date(1900, 1, 1)  # no date of the register is older
STALE_YEARS = 2  # a wish (IAS/IAT/TIAL) dated further back: confirm
MAX_AGE = 100  # a member still on the KK who is older: confirm
MIN_MARRIED_AGE = 10  # kawin, cerai hidup or cerai mati when younger: impossible
LEGAL_MARRIAGE_AGE = 19  # UU 16/2019; younger (dispensasi kawin): confirm
MIN_PARENT_AGE = 10  # a parent younger at the child's birth: impossible
MOTHER_AGES = (15, 50)  # a mother younger or older at a child's birth: confirm
CHILDBEARING_AGES = (10, 60)  # a wife's KB, pregnancy or wish outside: impossible
PUS_AGES = (15, 49)  # ... outside these ages (not a PUS then): confirm
# A member with relation ``anak`` is the child of the head and the head's spouse.
PARENTS = (codes.Relation.HEAD, codes.Relation.WIFE, codes.Relation.HUSBAND)


class day:  # noqa: N801 (used as a function)
    """A date as the messages write it (3 Mei 1990), formatted only when a message is made:
    the checks run on every row of an import, and most rows produce no message."""

    __slots__ = ("value",)

    def __init__(self, value: dt.date):
        self.value = value

    def __str__(self) -> str:
        return date_format(self.value, "j F Y")


class Findings:
    """What one write found, by field: facts to refuse and facts the user must confirm."""

    def __init__(self):
        self.impossible: dict[str, list[str]] = {}
        self.implausible: dict[str, list[str]] = {}

    def refuse(self, field: str, message: str) -> None:
        self.impossible.setdefault(field, []).append(message)

    def ask(self, field: str, message: str) -> None:
        self.implausible.setdefault(field, []).append(message)

    def enforce(self, confirmed: bool = False) -> None:
        if self.impossible:
            raise ValidationError(self.impossible)
        if self.implausible and not confirmed:
            raise ConfirmationRequired(self.implausible)


def event_date(
    found: Findings, field: str, value: dt.date | None, person=None, today: dt.date | None = None
) -> None:
    """Impossible: a date before 1900, in the future, or before ``person`` was born.

    ``today`` saves asking ``dates.today()`` again (``person`` checks several dates)."""
    if value is None:
        return
    values = {"date": day(value)}
    if value < EARLIEST:
        found.refuse(field, _("Tanggal %(date)s sebelum tahun 1900; periksa tahunnya.") % values)
    elif value > (today or dates.today()):
        found.refuse(field, _("Tanggal %(date)s belum terjadi; periksa lagi.") % values)
    elif person is not None and value < person.birth_date:
        values = {**values, "name": person.name, "birth": day(person.birth_date)}
        found.refuse(
            field,
            _("Tanggal %(date)s sebelum tanggal lahir %(name)s (%(birth)s); periksa tanggalnya.")
            % values,
        )


def check_date(field: str, value: dt.date | None, person=None) -> None:
    """``event_date`` on its own, refused at once."""
    found = Findings()
    event_date(found, field, value, person)
    found.enforce()


def recent(found: Findings, field: str, value: dt.date, what: str) -> None:
    """Implausible: a record of how things stand now (a wish), dated long ago."""
    if value < dates.years_before(dates.today(), STALE_YEARS):
        values = {"what": what, "date": day(value), "years": STALE_YEARS}
        found.ask(
            field,
            _("%(what)s bertanggal %(date)s, lebih dari %(years)s tahun lalu; periksa tanggalnya.")
            % values,
        )


def ends_after(
    found: Findings, field: str, start: dt.date, end: dt.date, end_label: str, start_label: str
) -> None:
    """Impossible: an end (of a method, a pregnancy) on or before its start."""
    if end <= start:
        values = {"end": end_label, "start": start_label, "date": day(start)}
        found.refuse(field, _("%(end)s harus sesudah %(start)s (%(date)s).") % values)


def _age(member, on: dt.date | None = None, today: dt.date | None = None) -> int:
    return dates.age_on(member.birth_date, on or member.left_on or today or dates.today())


def person(found: Findings, member, household: Iterable = ()) -> None:
    """A member about to be saved: dates, age, marital status and parents' ages.

    ``household`` is the other members of the KK.
    """
    today = dates.today()
    event_date(found, "birth_date", member.birth_date, today=today)
    if "birth_date" in found.impossible:
        return
    for name in ("joined_on", "left_on"):
        event_date(found, name, getattr(member, name), member, today=today)
    age = _age(member, today=today)
    if member.left_on is None and age > MAX_AGE:
        values = {"name": member.name, "age": age, "max": MAX_AGE}
        found.ask(
            "birth_date",
            _("%(name)s berumur %(age)s tahun, lebih dari %(max)s; periksa tanggal lahirnya.")
            % values,
        )
    marriage_age(found, member, today=today)
    parenthood(found, member, household)


def marriage_age(
    found: Findings, member, status: str | None = None, today: dt.date | None = None
) -> None:
    """Ever married under 10 is impossible; under 19 (UU 16/2019) needs confirmation."""
    status = status or member.marital_status
    if status == codes.Marital.SINGLE:
        return
    age = _age(member, today=today)
    if age >= LEGAL_MARRIAGE_AGE:
        return
    values = {"name": member.name, "age": age, "status": codes.Marital(status).label.lower()}
    if age < MIN_MARRIED_AGE:
        found.refuse(
            "marital_status",
            _(
                "%(name)s berumur %(age)s tahun, tidak mungkin berstatus %(status)s; periksa "
                "tanggal lahir atau status kawin."
            )
            % values,
        )
    elif age < LEGAL_MARRIAGE_AGE:
        values["legal"] = LEGAL_MARRIAGE_AGE
        found.ask(
            "marital_status",
            _(
                "%(name)s berumur %(age)s tahun dan berstatus %(status)s, di bawah umur kawin "
                "%(legal)s tahun (UU 16/2019); pastikan benar."
            )
            % values,
        )


def parenthood(found: Findings, member, household: Iterable) -> None:
    """The ages of the head and the head's spouse at the birth of each ``anak``."""
    if member.relation == codes.Relation.CHILD:
        pairs = [(p, member) for p in household if p.relation in PARENTS]
    elif member.relation in PARENTS:
        pairs = [(member, c) for c in household if c.relation == codes.Relation.CHILD]
    else:
        return
    for parent, child in pairs:
        _parent_age(found, parent, child)


def _parent_age(found: Findings, parent, child) -> None:
    age = dates.age_on(parent.birth_date, child.birth_date)
    mother = parent.sex == codes.Sex.FEMALE
    values = {"child": child.name, "born": day(child.birth_date), "parent": parent.name}
    if age < MIN_PARENT_AGE:
        values["min"] = MIN_PARENT_AGE
        text = (
            _(
                "Tanggal lahir anak %(child)s (%(born)s) sebelum ibunya %(parent)s berumur "
                "%(min)s tahun; periksa tanggal lahir anak atau ibu."
            )
            if mother
            else _(
                "Tanggal lahir anak %(child)s (%(born)s) sebelum ayahnya %(parent)s berumur "
                "%(min)s tahun; periksa tanggal lahir anak atau ayah."
            )
        )
        found.refuse("birth_date", text % values)
    elif mother and not MOTHER_AGES[0] <= age <= MOTHER_AGES[1]:
        values["age"] = age
        found.ask(
            "birth_date",
            _(
                "Ibu %(parent)s berumur %(age)s tahun saat anak %(child)s lahir (%(born)s); "
                "periksa tanggal lahir anak atau ibu."
            )
            % values,
        )


def childbearing(found: Findings, field: str, wife, on: dt.date, what: str) -> None:
    """A wife's KB, pregnancy or wish: impossible under 10 or over 60, to confirm outside PUS."""
    if field in found.impossible:  # the date itself is impossible: that message says enough
        return
    age = _age(wife, on)
    if PUS_AGES[0] <= age <= PUS_AGES[1]:
        return
    values = {"name": wife.name, "age": age, "date": day(on), "what": what}
    if not CHILDBEARING_AGES[0] <= age <= CHILDBEARING_AGES[1]:
        found.refuse(
            field,
            _(
                "%(name)s berumur %(age)s tahun pada %(date)s: %(what)s tidak mungkin; periksa "
                "tanggal ini atau tanggal lahirnya."
            )
            % values,
        )
    else:
        values = {**values, "low": PUS_AGES[0], "high": PUS_AGES[1]}
        found.ask(
            field,
            _(
                "%(name)s berumur %(age)s tahun pada %(date)s, di luar umur PUS "
                "(%(low)s–%(high)s); pastikan %(what)s benar."
            )
            % values,
        )
