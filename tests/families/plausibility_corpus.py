"""Bad input for the register's plausibility rules, as data (``test_plausibility.py`` runs it).

Dates are relative to the suite's day, 2026-11-18 (``tests/conftest.py``). Family ``a`` has a
husband born 5 May 1992 and a wife born 14 March 1995; family ``old`` a husband born 5 May
1957 and a wife born 1 January 1960. A ``member`` case adds a person to the family; any other
kind is an event of the wife's page (``families:woman_event``), after ``before`` when given.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "member", or an event: mulai, berhenti, hamil, hasil, keinginan
    data: dict
    column: str  # the form field and import column the message is shown on
    message: str  # a part of the Indonesian message
    confirm: bool = False  # implausible: asks for confirmation, stored once confirmed
    family: str = "a"
    before: dict = field(default_factory=dict)  # {"method": date} or {"pregnancy": date}
    importable: bool = True  # the import carries this fact (it dates wishes today)


def member(name, sex, born, relation, marital="belum_kawin"):
    return {
        "name": name,
        "sex": sex,
        "birth_date": born,
        "relation": relation,
        "marital_status": marital,
    }


IMPOSSIBLE = [
    Case(
        "born tomorrow",
        "member",
        member("Bayi Besok", "L", "2026-11-19", "anak"),
        "birth_date",
        "belum terjadi",
    ),
    Case(
        "born before 1900",
        "member",
        member("Buyut", "P", "1899-12-31", "orang_tua", "cerai_mati"),
        "birth_date",
        "sebelum tahun 1900",
    ),
    Case(
        "a married wife aged 9",
        "member",
        member("Mawar", "P", "2017-06-01", "lainnya", "kawin"),
        "marital_status",
        "tidak mungkin berstatus kawin",
    ),
    Case(
        "a widow aged 5",
        "member",
        member("Melati", "P", "2021-06-01", "lainnya", "cerai_mati"),
        "marital_status",
        "tidak mungkin berstatus cerai mati",
    ),
    Case(
        "a married man aged 8",
        "member",
        member("Baso Kecil", "L", "2018-01-01", "lainnya", "kawin"),
        "marital_status",
        "berumur 8 tahun, tidak mungkin",
    ),
    Case(
        "a child born before its mother",
        "member",
        member("Anak Tua", "L", "1994-01-01", "anak"),
        "birth_date",
        "sebelum ibunya Istri",
    ),
    Case(
        "a child born when its mother was 8",
        "member",
        member("Anak Dini", "P", "2003-06-01", "anak"),
        "birth_date",
        "Tanggal lahir anak Anak Dini (1 Juni 2003) sebelum ibunya",
    ),
    Case(
        "a KB start before her birth",
        "mulai",
        {"method": "PIL", "start_date": "1990-01-01"},
        "start_date",
        "sebelum tanggal lahir Istri",
    ),
    Case(
        "a KB start when she was 9",
        "mulai",
        {"method": "SUNTIK3", "start_date": "2004-06-01"},
        "start_date",
        "berumur 9 tahun pada 1 Juni 2004: ber-KB tidak mungkin",
    ),
    Case(
        "a pregnancy from tomorrow",
        "hamil",
        {"start_date": "2026-11-19"},
        "start_date",
        "belum terjadi",
    ),
    Case(
        "a pregnancy at 66",
        "hamil",
        {"start_date": "2026-10-01"},
        "start_date",
        "berumur 66 tahun",
        family="old",
    ),
    Case(
        "an intention dated 1900",
        "keinginan",
        {"intention": "IAT", "recorded_on": "1900-06-01"},
        "recorded_on",
        "sebelum tanggal lahir Istri",
        importable=False,
    ),
    Case(
        "an intention dated before 1900",
        "keinginan",
        {"intention": "IAT", "recorded_on": "1899-06-01"},
        "recorded_on",
        "sebelum tahun 1900",
        importable=False,
    ),
    Case(
        "a method ending before it started",
        "berhenti",
        {"end_date": "2024-12-01", "reason": "efek_samping"},
        "end_date",
        "Tanggal berhenti harus sesudah tanggal mulai (1 Januari 2025)",
        before={"method": "2025-01-01"},
        importable=False,
    ),
    Case(
        "an outcome before the pregnancy",
        "hasil",
        {"outcome": "lahir_hidup", "outcome_date": "2026-05-01"},
        "outcome_date",
        "harus sesudah mulai hamil",
        before={"pregnancy": "2026-06-01"},
        importable=False,
    ),
]

IMPLAUSIBLE = [
    Case(
        "a wife under 19",
        "member",
        member("Rini", "P", "2009-01-01", "lainnya", "kawin"),
        "marital_status",
        "di bawah umur kawin 19 tahun",
        confirm=True,
    ),
    Case(
        "a husband under 19",
        "member",
        member("Rudi", "L", "2008-02-01", "lainnya", "kawin"),
        "marital_status",
        "Rudi berumur 18 tahun dan berstatus kawin",
        confirm=True,
    ),
    Case(
        "a mother of 14 at the birth",
        "member",
        member("Anak Muda", "L", "2009-06-01", "anak"),
        "birth_date",
        "berumur 14 tahun saat anak Anak Muda lahir (1 Juni 2009)",
        confirm=True,
    ),
    Case(
        "a mother of 52 at the birth",
        "member",
        member("Anak Bungsu", "P", "2012-01-02", "anak"),
        "birth_date",
        "berumur 52 tahun saat anak",
        confirm=True,
        family="old",
    ),
    Case(
        "a member over 100",
        "member",
        member("Nenek Tua", "P", "1920-01-01", "orang_tua", "cerai_mati"),
        "birth_date",
        "berumur 106 tahun, lebih dari 100",
        confirm=True,
    ),
    Case(
        "KB of a wife of 52",
        "mulai",
        {"method": "PIL", "start_date": "2012-01-02"},
        "start_date",
        "di luar umur PUS (15–49)",
        confirm=True,
        family="old",
    ),
    Case(
        "a pregnancy at 54",
        "hamil",
        {"start_date": "2014-01-02"},
        "start_date",
        "berumur 54 tahun",
        confirm=True,
        family="old",
    ),
    Case(
        "an intention of more than 2 years ago",
        "keinginan",
        {"intention": "IAS", "recorded_on": "2024-06-01"},
        "recorded_on",
        "lebih dari 2 tahun lalu",
        confirm=True,
        importable=False,
    ),
]

CASES = IMPOSSIBLE + IMPLAUSIBLE
