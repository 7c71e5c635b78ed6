"""Import an existing family register (one row per person) through the register's actions.

All or nothing: every row is checked and applied inside one transaction; when any row has an
error, everything is rolled back and every error is reported by row and column. Re-importing
the same file changes nothing: families are matched by Nomor KK, members by NIK (or by name
and birth date when the NIK is empty), and only changed fields are written. Every write goes
through ``families/actions.py`` and ``families/contraception.py``, so it is audited as the
importing user and obeys the same rules as the pages: impossible facts refuse the row; facts
the pages ask to confirm (``plausibility.py``, NIK contradictions) refuse it too unless its
``confirmed`` column says ya — the import's counterpart of the pages' checkbox.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from impsmart import dates
from impsmart.accounts.scope import code_within, user_scope_codes
from impsmart.families import actions, codes, contraception, pus_months
from impsmart.families.importer_rows import ImportFailed, RowError, check_row, read_rows
from impsmart.families.models import Family, Member
from impsmart.families.plausibility import ConfirmationRequired

__all__ = ["ImportFailed", "ImportResult", "RowError", "import_file"]
# Which column a validation error of an action points at.
FIELD_COLUMNS = {
    "kk_number": "kk_number",
    "region_code": "region_code",
    "nik": "nik",
    "name": "name",
    "sex": "sex",
    "birth_date": "birth_date",
    "relation": "relation",
    "marital_status": "marital_status",
    "education": "education",
    "member": "marital_status",
    "spouse": "relation",
    "method": "current_method",
    "method_type": "current_method",
    "intention": "intention",
}
CONFIRM_HINT = " Bila data ini benar, isi kolom confirmed dengan ya."
MEMBER_FIELDS = ("nik", "name", "sex", "birth_date", "relation", "marital_status")
MEMBER_FIELDS += ("education", "occupation", "jkn")


@dataclass
class ImportResult:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = [f"{n} {label}" for label, n in sorted(self.counts.items()) if n]
        return f"{self.rows} baris: " + (", ".join(parts) if parts else "tidak ada perubahan")


class _RowFailed(Exception):
    pass


class Importer:
    def __init__(self, actor, region_code: str):
        self.actor, self.region_code = actor, region_code
        self.today = dates.today()
        self.result = ImportResult()

    def call(self, number: int, column: str, func, **kwargs) -> Any:
        """Run an action; its refusal becomes an error of this row."""
        try:
            return func(actor=self.actor, **kwargs)
        except PermissionDenied as error:
            self.fail(number, "region_code", "Di luar wilayah kerja Anda.", error)
        except ValidationError as error:
            details = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            hint = CONFIRM_HINT if isinstance(error, ConfirmationRequired) else ""
            for key, messages in details.items():
                for message in messages:
                    self.result.errors.append(
                        RowError(number, FIELD_COLUMNS.get(key, column), message + hint)
                    )
            raise _RowFailed from error

    def fail(self, number: int, column: str, message: str, cause=None) -> None:
        self.result.errors.append(RowError(number, column, message))
        raise _RowFailed from cause

    def run(self, rows: list[tuple[int, dict[str, str]]]) -> ImportResult:
        self.result.rows = len(rows)
        households: dict[str, list[tuple[int, dict, bool]]] = {}
        for number, raw in rows:
            values, errors = check_row(number, raw)
            errors = errors or self.region_errors(number, values)
            self.result.errors.extend(errors)
            key = values.get("kk_number") or raw["kk_number"]
            households.setdefault(key, []).append((number, values, bool(errors)))
        with transaction.atomic(), pus_months.deferred():
            for members in households.values():
                if not any(bad for _, _, bad in members):
                    self.household([(number, values) for number, values, _ in members])
            if self.result.errors:
                transaction.set_rollback(True)  # all or nothing
        return self.result

    def region_errors(self, number: int, values: dict) -> list[RowError]:
        code = values["region_code"]
        if not code_within(code, self.region_code):
            message = f"{code} di luar wilayah impor {self.region_code}."
            return [RowError(number, "region_code", message)]
        if not any(code_within(code, c) for c in user_scope_codes(self.actor)):
            return [RowError(number, "region_code", "Di luar wilayah kerja Anda.")]
        return []

    def household(self, rows: list[tuple[int, dict]]) -> None:
        try:
            family = self.family(rows)
            members = [(n, v, self.member(family, n, v)) for n, v in rows]
            self.couple(family, members)
            for number, values, member in members:
                self.history(number, values, member)
        except _RowFailed:
            return

    def family(self, rows: list[tuple[int, dict]]) -> Family:
        number, first = rows[0]
        for n, values in rows[1:]:
            if values["region_code"] != first["region_code"]:
                self.fail(n, "region_code", f"Berbeda dengan baris {number} untuk KK yang sama.")
        head = next((v for _, v in rows if v["relation"] == codes.Relation.HEAD), first)
        wanted = {
            "region_code": first["region_code"],
            "address": first["address"],
            "jkn": head["jkn"],
        }
        family = Family.objects.visible_to(self.actor).filter(kk_number=first["kk_number"]).first()
        if family is None:
            self.result.counts["keluarga baru"] += 1
            return self.call(
                number, "kk_number", actions.create_family,
                kk_number=first["kk_number"], registered_on=self.today, **wanted,
            )  # fmt: skip
        changed = {k: v for k, v in wanted.items() if getattr(family, k) != v}
        if changed:
            self.result.counts["keluarga diubah"] += 1
            self.call(number, "region_code", actions.update_family, family=family, **changed)
        return family

    def member(self, family: Family, number: int, values: dict) -> Member:
        wanted = {name: values[name] for name in MEMBER_FIELDS}
        if wanted["nik"]:
            member = family.members.filter(nik=wanted["nik"]).first()
        else:
            member = family.members.filter(
                nik="", name=wanted["name"], birth_date=wanted["birth_date"]
            ).first()
        if member is None:
            self.result.counts["anggota baru"] += 1
            return self.call(
                number, "name", actions.add_member,
                family=family, confirmed=values["confirmed"], **wanted,
            )  # fmt: skip
        changed = {k: v for k, v in wanted.items() if getattr(member, k) != v}
        if changed:
            self.result.counts["anggota diubah"] += 1
            self.call(
                number, "name", actions.update_member,
                member=member, confirmed=values["confirmed"], **changed,
            )  # fmt: skip
        return member

    def couple(self, family: Family, members: list) -> None:
        """Link the married head and spouse named in the file (wife.spouse = husband)."""
        partners = [
            (n, v, m)
            for n, v, m in members
            if m.relation in (codes.Relation.HEAD, codes.Relation.WIFE, codes.Relation.HUSBAND)
            and m.marital_status == codes.Marital.MARRIED
        ]
        wives = [(n, v, m) for n, v, m in partners if m.sex == codes.Sex.FEMALE]
        husbands = [(v, m) for _, v, m in partners if m.sex == codes.Sex.MALE]
        if len(wives) != 1 or len(husbands) != 1:
            return
        (number, values, wife), (his_values, husband) = wives[0], husbands[0]
        if wife.spouse_id == husband.pk and husband.spouse_id == wife.pk:
            return
        self.result.counts["pasangan"] += 1
        # Each row's own age was checked (and confirmed) when its member was saved.
        confirmed = values["confirmed"] or his_values["confirmed"]
        self.call(
            number, "relation", actions.marry, wife=wife, husband=husband, confirmed=confirmed
        )

    def history(self, number: int, values: dict, member: Member) -> None:
        method = values.get("current_method")
        if method:
            self.method(number, values, member, method)
        if (
            values.get("pregnant_since")
            and not member.pregnancies.filter(outcome_date__isnull=True).exists()
        ):
            self.result.counts["kehamilan"] += 1
            self.call(
                number, "pregnant_since", contraception.record_pregnancy,
                member=member, start_date=values["pregnant_since"],
                confirmed=values["confirmed"],
            )  # fmt: skip
        intention = values.get("intention")
        latest = member.intentions.order_by("-recorded_on", "-pk").first()
        if intention and (latest is None or latest.intention != intention):
            self.result.counts["keinginan ber-anak"] += 1
            self.call(
                number, "intention", contraception.record_intention,
                member=member, intention=intention, recorded_on=self.today,
                confirmed=values["confirmed"],
            )  # fmt: skip

    def method(self, number: int, values: dict, member: Member, method: str) -> None:
        active = contraception.active_episode(member)
        if active is not None and active.method == method:
            return
        service = {"jalur": values["jalur"], "place": values["place"]}
        service["confirmed"] = values["confirmed"]
        self.result.counts["episode KB"] += 1
        if active is None:
            self.call(
                number, "method_start", contraception.start_method,
                member=member, method=method, start_date=values["method_start"], **service,
            )  # fmt: skip
        else:
            self.call(
                number, "method_start", contraception.switch_method,
                member=member, method=method, switch_date=values["method_start"], **service,
            )  # fmt: skip


def import_file(*, actor, region_code: str, filename: str, content: bytes) -> ImportResult:
    """Check and import one file into ``region_code``; nothing is stored when any row fails."""
    try:
        rows = read_rows(filename, content)
    except ImportFailed as failed:
        return ImportResult(errors=failed.errors)
    return Importer(actor, region_code).run(rows)
