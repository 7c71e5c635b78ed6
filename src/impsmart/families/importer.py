"""Import an existing family register (one row per person) through the register's actions.

All or nothing: every row is checked and applied inside one transaction; when any row has an
error, everything is rolled back and every error is reported by row and column. Re-importing
the same file changes nothing and says so: families are matched by Nomor KK, members by NIK
(or by name and birth date when the NIK is empty), only changed fields are written, and a
method, pregnancy or intention already in the woman's history is not recorded again (the
pregnancy of a row ends that row's method, which is then recorded though no longer in use).
Every write goes through ``families/actions.py`` and ``families/contraception.py``, so it is
audited as the importing user and obeys the same rules as the pages: impossible facts refuse
the row; facts the pages ask to confirm (``plausibility.py``, NIK contradictions) refuse it too
unless its ``confirmed`` column says ya — the import's counterpart of the pages' checkbox.
A household not yet in the register is checked in memory by the functions those actions call
and stored in bulk by ``actions.store_checked`` (``importer_bulk.py``); a household already
there goes through the actions one write at a time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from impsmart import dates, pipelined, vacuum
from impsmart.accounts.scope import code_within, user_scope_codes
from impsmart.among import among, parts
from impsmart.families import actions, codes, contraception, pus_months
from impsmart.families.importer_bulk import Lookups, NewHouseholds, Stored
from impsmart.families.importer_rows import ImportFailed, RowError, check_row, read_rows
from impsmart.families.models import Family, Member
from impsmart.forms_submit import ConfirmationRequired

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
LOOKUP_CHUNK = 500  # Nomor KK per lookup query (SQLite's bound parameters; ``among.parts``)
CONFIRM_HINT = " Bila data ini benar, isi kolom dikonfirmasi dengan ya."
MEMBER_FIELDS = ("nik", "name", "sex", "birth_date", "relation", "marital_status")
MEMBER_FIELDS += ("education", "occupation", "jkn")
# What the import counts, one label per kind of write.
NEW_FAMILY, CHANGED_FAMILY = gettext_noop("keluarga baru"), gettext_noop("keluarga diubah")
NEW_MEMBER, CHANGED_MEMBER = gettext_noop("anggota baru"), gettext_noop("anggota diubah")
COUPLE, EPISODE = gettext_noop("pasangan"), gettext_noop("episode KB")
PREGNANCY, INTENTION = gettext_noop("kehamilan"), gettext_noop("keinginan ber-anak")
LABELS = (NEW_FAMILY, CHANGED_FAMILY, NEW_MEMBER, CHANGED_MEMBER, COUPLE, EPISODE, PREGNANCY)
UNLINKED = gettext_noop("istri tanpa suami terhubung (lihat Kualitas data)")
LABELS += (INTENTION, UNLINKED)


@dataclass
class ImportResult:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    changed_rows: set[int] = field(default_factory=set)

    @property
    def unchanged(self) -> int:
        """Rows whose person and history were already in the register as the file says."""
        return self.rows - len(self.changed_rows)

    def summary(self) -> str:
        if not self.changed_rows:
            return gettext("Tidak ada perubahan: semua %(rows)d baris sudah ada di register.") % {
                "rows": self.rows
            }
        parts = [f"{self.counts[label]} {gettext(label)}" for label in LABELS if self.counts[label]]
        text = gettext("%(rows)d baris: %(parts)s") % {"rows": self.rows, "parts": ", ".join(parts)}
        if self.unchanged:
            text += "; " + gettext("%(n)d baris sudah ada di register, tidak diubah") % {
                "n": self.unchanged
            }
        return text + "."


class _RowFailed(Exception):
    pass


class Importer:
    """Lookups are batched: the file's families in one query per ``LOOKUP_CHUNK`` Nomor KK
    (one on PostgreSQL), and a person created by this import has no history yet, so hers is
    not looked up (the actions still check every row as the pages do)."""

    def __init__(self, actor, region_code: str):
        self.actor, self.region_code = actor, region_code
        self.today = dates.today()
        self.scope = user_scope_codes(actor)  # once, not per row
        self.region_refusals: dict[str, str] = {}  # region code → ``region_refusal``
        self.result = ImportResult()
        self.families: dict[str, Family] = {}
        self.new_families: set[int] = set()  # created by this import
        self.new_members: set[int] = set()  # created by this import, history not yet applied
        self.people: set[tuple] = set()  # (family, NIK or name and birth date) seen in the file

    def call(self, number: int, column: str, label: str, func, **kwargs) -> Any:
        """Run an action, counted under ``label``; its refusal becomes an error of this row."""
        return self.checked(number, column, label, func, actor=self.actor, **kwargs)

    def checked(self, number: int, column: str, label: str, func, **kwargs) -> Any:
        """Run ``func`` (an action, or the checks of one), counted under ``label``; its
        refusal becomes an error of this row."""
        self.result.counts[label] += 1
        self.result.changed_rows.add(number)
        try:
            return func(**kwargs)
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
        checked = []
        for number, raw in rows:
            values, errors = check_row(number, raw)
            checked.append((number, values))
            errors = errors or self.region_errors(number, values)
            self.result.errors.extend(errors)
            key = values.get("kk_number") or raw["kk_number"]
            households.setdefault(key, []).append((number, values, bool(errors)))
        refused: list[str] = []
        with transaction.atomic():
            try:
                with pus_months.deferred():
                    self.households(households, checked)
            finally:  # what the bulk stores sent ahead is written (or its error raised)
                pipelined.settle()
            if self.result.errors:
                refused = vacuum.inserted_tables()
                transaction.set_rollback(True)  # all or nothing
        vacuum.vacuum(refused)  # the rows it wrote, dead, slowed every query's planning
        return self.result

    def households(self, households: dict[str, list], checked: list) -> None:
        self.families = self.existing(list(households))
        self.stored = Stored([self.families[k] for k in households if k in self.families])
        lookups = Lookups.load([values for _, values in checked])
        good = {
            key: [(number, values) for number, values, _ in members]
            for key, members in households.items()
            if not any(bad for _, _, bad in members)
        }
        fresh = {  # checked in memory, stored by new.flush
            key for key, rows in good.items()
            if key not in self.families and self.one_row_per_person(rows)
        }  # fmt: skip
        new = NewHouseholds(self, lookups, [values for key in fresh for _, values in good[key]])
        for key, rows in good.items():
            if key in fresh:
                new.household(rows)
                continue
            new.flush()  # what the actions below look up must be stored
            self.household(rows)
            lookups.niks = None  # the actions may have changed a NIK
        if not self.result.errors:
            new.flush()

    def existing(self, kk_numbers: list[str]) -> dict[str, Family]:
        """The families of the file already in the user's scope, by Nomor KK."""
        found: dict[str, Family] = {}
        visible = Family.objects.visible_to(self.actor).order_by()
        for chunk in parts(kk_numbers, LOOKUP_CHUNK):
            found |= {f.kk_number: f for f in visible.filter(among("kk_number", chunk))}
        return found

    def region_errors(self, number: int, values: dict) -> list[RowError]:
        code = values["region_code"]
        if code not in self.region_refusals:  # once per code: a file has a few
            self.region_refusals[code] = self.region_refusal(code)
        message = self.region_refusals[code]
        return [RowError(number, "region_code", message)] if message else []

    def region_refusal(self, code: str) -> str:
        """Why rows in ``code`` are refused; empty when they are not."""
        if not code_within(code, self.region_code):
            return f"{code} di luar wilayah impor {self.region_code}."
        if not any(code_within(code, c) for c in self.scope):
            return "Di luar wilayah kerja Anda."
        return ""

    @staticmethod
    def one_row_per_person(rows: list[tuple[int, dict]]) -> bool:
        """No person twice in the household (the second row would update the first)."""
        people = [values["nik"] or (values["name"], values["birth_date"]) for _, values in rows]
        return len(set(people)) == len(people)

    def same_region(self, rows: list[tuple[int, dict]]) -> None:
        number, first = rows[0]
        for n, values in rows[1:]:
            if values["region_code"] != first["region_code"]:
                self.fail(n, "region_code", f"Berbeda dengan baris {number} untuk KK yang sama.")

    @staticmethod
    def family_fields(rows: list[tuple[int, dict]]) -> dict:
        """The family's fields as the file says: the first row's place, the head's JKN."""
        first = rows[0][1]
        head = next((v for _, v in rows if v["relation"] == codes.Relation.HEAD), first)
        return {
            "region_code": first["region_code"],
            "address": first["address"],
            "jkn": head["jkn"],
        }

    def household(self, rows: list[tuple[int, dict]]) -> None:
        try:
            family = self.family(rows)
            members = [(n, v, self.member(family, n, v)) for n, v in rows]
            self.couple(members)
            for number, values, member in members:
                self.history(number, values, member)
        except _RowFailed:
            return

    def family(self, rows: list[tuple[int, dict]]) -> Family:
        number, first = rows[0]
        self.same_region(rows)
        wanted = self.family_fields(rows)
        family = self.families.get(first["kk_number"])
        if family is None:
            family = self.call(
                number, "kk_number", NEW_FAMILY, actions.create_family,
                kk_number=first["kk_number"], registered_on=self.today, **wanted,
            )  # fmt: skip
            self.new_families.add(family.pk)
            return family
        changed = {k: v for k, v in wanted.items() if getattr(family, k) != v}
        if changed:
            self.call(
                number, "region_code", CHANGED_FAMILY, actions.update_family,
                family=family, **changed,
            )  # fmt: skip
        return family

    def member(self, family: Family, number: int, values: dict) -> Member:
        wanted = {name: values[name] for name in MEMBER_FIELDS}
        person = (family.pk, wanted["nik"] or (wanted["name"], wanted["birth_date"]))
        member = None  # a family created by this import has only the members it added:
        if family.pk not in self.new_families or person in self.people:  # look up the others
            member = self.lookup(family, wanted)
        self.people.add(person)
        if member is None:
            member = self.call(
                number, "name", NEW_MEMBER, actions.add_member,
                family=family, confirmed=values["confirmed"], **wanted,
            )  # fmt: skip
            self.new_members.add(member.pk)
            if family.pk in self.stored.order:
                self.stored.members_of(family).append(member)
            return member
        changed = {k: v for k, v in wanted.items() if getattr(member, k) != v}
        if changed:
            self.call(
                number, "name", CHANGED_MEMBER, actions.update_member,
                member=member, confirmed=values["confirmed"], **changed,
            )  # fmt: skip
        return member

    def lookup(self, family: Family, wanted: dict) -> Member | None:
        """The family's member with this NIK, or with no NIK and this name and birth date."""
        if family.pk in self.stored.order:
            if wanted["nik"]:
                found = [m for m in self.stored.members_of(family) if m.nik == wanted["nik"]]
            else:
                person = ("", wanted["name"], wanted["birth_date"])
                found = [
                    m for m in self.stored.members_of(family)
                    if (m.nik, m.name, m.birth_date) == person
                ]  # fmt: skip
            return min(found, key=lambda m: (m.birth_date, m.pk), default=None)
        if wanted["nik"]:
            return family.members.filter(nik=wanted["nik"]).first()
        return family.members.filter(
            nik="", name=wanted["name"], birth_date=wanted["birth_date"]
        ).first()

    def couple(self, members: list) -> None:
        """Link each married wife to her husband as the pages do (``actions.link_spouse``).

        A wife left without one (none on the KK, or several to choose from) is counted in the
        summary and listed on the data-quality page, where the cadre links her. The couple's
        ages were checked when each member was saved; a household with a row marked confirmed
        confirms the marriage too.
        """
        confirmed = any(values["confirmed"] for _, values, _ in members)
        for number, _values, member in members:
            if not actions.needs_husband(member):
                continue
            try:
                husband = actions.link_spouse(actor=self.actor, member=member, confirmed=confirmed)
            except ValidationError:
                husband = None
            if husband is None:
                self.result.counts[UNLINKED] += 1
                continue
            self.result.counts[COUPLE] += 1
            self.result.changed_rows.add(number)

    def history(self, number: int, values: dict, member: Member) -> None:
        # A person created by this import has no history but what this row records.
        new = member.pk in self.new_members
        self.new_members.discard(member.pk)
        known = None if new else self.stored.history_of(member)
        self.stored.written.add(member.pk)
        method = values.get("current_method")
        if method:
            self.method(number, values, member, method, new, known)
        since = values.get("pregnant_since")
        if since and not new and known is not None:
            pregnant = any(
                p.outcome_date is None or p.start_date == since for p in known["pregnancies"]
            )
        elif since and not new:
            recorded = Q(outcome_date__isnull=True) | Q(start_date=since)  # ongoing, or that one
            pregnant = member.pregnancies.filter(recorded).exists()
        if since and (new or not pregnant):
            self.call(
                number, "pregnant_since", PREGNANCY, contraception.record_pregnancy,
                member=member, start_date=since, confirmed=values["confirmed"],
            )  # fmt: skip
        intention = values.get("intention")
        if new:
            latest = None
        elif known is not None:
            latest = max(known["intentions"], key=lambda i: (i.recorded_on, i.pk), default=None)
        else:
            latest = member.intentions.order_by("-recorded_on", "-pk").first()
        if intention and (latest is None or latest.intention != intention):
            self.call(
                number, "intention", INTENTION, contraception.record_intention,
                member=member, intention=intention, recorded_on=self.today,
                confirmed=values["confirmed"],
            )  # fmt: skip

    def method(
        self, number: int, values: dict, member: Member, method: str, new: bool, known=None
    ) -> None:
        """Start or switch to ``method`` unless it is in use now or was begun that day already
        (and has since ended, e.g. by the pregnancy of the same row)."""
        start = values["method_start"]
        if new:
            active, begun = None, False
        elif known is not None:
            ongoing = [e for e in known["episodes"] if e.end_date is None]
            active = max(ongoing, key=lambda e: e.start_date, default=None)
            begun = any(e.method == method and e.start_date == start for e in known["episodes"])
        else:
            active = contraception.active_episode(member)
            begun = member.episodes.filter(method=method, start_date=start).exists()
        if (active is not None and active.method == method) or begun:
            return
        service = {"jalur": values["jalur"], "place": values["place"]}
        service["confirmed"] = values["confirmed"]
        if active is None:
            self.call(
                number, "method_start", EPISODE, contraception.start_method,
                member=member, method=method, start_date=values["method_start"], **service,
            )  # fmt: skip
        else:
            self.call(
                number, "method_start", EPISODE, contraception.switch_method,
                member=member, method=method, switch_date=values["method_start"], **service,
            )  # fmt: skip


def import_file(*, actor, region_code: str, filename: str, content: bytes) -> ImportResult:
    """Check and import one file into ``region_code``; nothing is stored when any row fails."""
    try:
        rows = read_rows(filename, content)
    except ImportFailed as failed:
        return ImportResult(errors=failed.errors)
    return Importer(actor, region_code).run(rows)
