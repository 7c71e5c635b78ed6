"""Birth-spacing guidance from the register: 4T risks and PUP advice for one woman.

4T (*empat terlalu*): too young, too old, too many, too close. The thresholds are programme
decisions (domain.md §9 leaves "too old" open), so each reads a setting with the default below:
``IMPSMART_4T_TOO_YOUNG`` (20), ``IMPSMART_4T_TOO_OLD`` (35), ``IMPSMART_4T_TOO_MANY`` (3),
``IMPSMART_4T_TOO_CLOSE_MONTHS`` (24). PUP (Pendewasaan Usia Perkawinan): ideal marriage age
21 for women and 25 for men.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from impsmart.dates import age_on, months_between
from impsmart.families import codes
from impsmart.families.models import Member

DEFAULTS = {
    "IMPSMART_4T_TOO_YOUNG": 20,
    "IMPSMART_4T_TOO_OLD": 35,
    "IMPSMART_4T_TOO_MANY": 3,
    "IMPSMART_4T_TOO_CLOSE_MONTHS": 24,
}
PUP_WOMAN, PUP_MAN = 21, 25


def threshold(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


@dataclass
class Guidance:
    age: int
    children: int
    youngest_birth: dt.date | None
    youngest_months: int | None
    risks: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def _youngest_birth(member: Member, day: dt.date) -> tuple[int, dt.date | None]:
    present = Q(left_on__isnull=True) | Q(left_on__gt=day)
    kids = member.family.members.filter(present, relation=codes.Relation.CHILD, birth_date__lte=day)
    births = [k.birth_date for k in kids]
    latest_birth = (
        member.pregnancies.filter(outcome=codes.Outcome.LIVE_BIRTH, outcome_date__lte=day)
        .order_by("-outcome_date")
        .values_list("outcome_date", flat=True)
        .first()
    )
    if latest_birth:
        births.append(latest_birth)
    return len(kids), max(births, default=None)


def _risks(g: Guidance) -> None:
    young, old = threshold("IMPSMART_4T_TOO_YOUNG"), threshold("IMPSMART_4T_TOO_OLD")
    many, close = threshold("IMPSMART_4T_TOO_MANY"), threshold("IMPSMART_4T_TOO_CLOSE_MONTHS")
    if g.age < young:
        g.risks.append(f"Terlalu muda: umur {g.age} tahun (< {young}); tunda kehamilan.")
    if g.age > old:
        g.risks.append(f"Terlalu tua: umur {g.age} tahun (> {old}); kehamilan berisiko tinggi.")
    if g.children >= many:
        g.risks.append(f"Terlalu banyak: {g.children} anak (≥ {many}); anjurkan MKJP.")
    if g.youngest_months is not None and g.youngest_months < close:
        g.risks.append(
            f"Terlalu dekat: anak terakhir baru {g.youngest_months} bulan (< {close} bulan); "
            "jarak kehamilan minimal 2 tahun."
        )


def guidance(member: Member, day: dt.date) -> Guidance:
    """The 4T risks and spacing/PUP advice for a woman (or man: PUP only) on ``day``."""
    children, youngest = _youngest_birth(member, day)
    g = Guidance(
        age=age_on(member.birth_date, day),
        children=children,
        youngest_birth=youngest,
        youngest_months=months_between(youngest, day) if youngest else None,
    )
    if member.sex == codes.Sex.FEMALE:
        _risks(g)
        if g.youngest_months is not None and g.youngest_months < 24:
            g.advice.append("Beri jarak kehamilan berikutnya sedikitnya 2 tahun (ideal 3–5 tahun).")
        if g.age < PUP_WOMAN and children == 0:
            g.advice.append(
                f"PUP: usia ideal menikah dan hamil pertama bagi perempuan {PUP_WOMAN} tahun; "
                "tunda kehamilan pertama dengan KB."
            )
    elif g.age < PUP_MAN:
        g.advice.append(f"PUP: usia ideal menikah bagi laki-laki {PUP_MAN} tahun.")
    return g
