"""The offline forms as data: the page script draws each from this list.

Field names are the payload keys of ``kinds.py``; options come from the same choices as the web
forms, so labels read (and translate) the same. ``list`` names a list of the last sync
(``changes.lists``); ``of`` draws the members of the group or fund chosen in that field.
``needs`` says when a woman's form applies: with a method in use, without one, pregnant.
"""

from django.utils.translation import gettext as _

from impsmart.counseling.models import KieTopic, Presenter, Visit
from impsmart.counseling.visits import KINDS
from impsmart.families import codes
from impsmart.groups import curriculum
from impsmart.groups.models import Presenter as PoktanPresenter
from impsmart.meetings.models import AttendanceRole
from impsmart.offline.kinds import end_reasons


def _options(choices) -> list[list[str]]:
    return [[str(value), str(label)] for value, label in choices]


def _date(name: str, label: str) -> dict:
    return {"name": name, "label": label, "type": "date", "today": True}


def _select(name: str, label: str, choices) -> dict:
    return {"name": name, "label": label, "type": "select", "options": _options(choices)}


def _text(name: str, label: str, required: bool = True) -> dict:
    return {"name": name, "label": label, "type": "text", "required": required}


def forms() -> list[dict]:
    methods = _select("method", _("Metode"), codes.Method.choices)
    jalur = _select("jalur", _("Jalur pelayanan"), [("", "—"), *codes.Jalur.choices])
    confirm = {"name": "confirmed", "label": _("Saya sudah memeriksa; tetap simpan"),
               "type": "check"}  # fmt: skip
    topics = sorted({(k, v) for kind in curriculum.TOPICS.values() for k, v in kind})
    return [
        {"kind": "kb_start", "title": _("Mulai KB"), "member": True, "needs": "no_episode",
         "fields": [methods, _date("start_date", _("Tanggal mulai")), jalur, confirm]},
        {"kind": "kb_change", "title": _("Ganti cara"), "member": True, "needs": "episode",
         "fields": [methods, _date("switch_date", _("Tanggal ganti")), jalur, confirm]},
        {"kind": "kb_stop", "title": _("Berhenti KB"), "member": True, "needs": "episode",
         "fields": [_date("end_date", _("Tanggal berhenti")),
                    _select("reason", _("Alasan"), end_reasons())]},
        {"kind": "pregnancy", "title": _("Hamil"), "member": True, "needs": "no_pregnancy",
         "fields": [_date("start_date", _("Mulai hamil (atau pertama diketahui)")), confirm]},
        {"kind": "outcome", "title": _("Hasil kehamilan"), "member": True, "needs": "pregnancy",
         "fields": [_date("outcome_date", _("Tanggal berakhir")),
                    _select("outcome", _("Hasil"), codes.Outcome.choices)]},
        {"kind": "intention", "title": _("Keinginan ber-anak"), "member": True,
         "fields": [_select("intention", _("Keinginan"), codes.Intention.choices),
                    _date("recorded_on", _("Tanggal")), confirm]},
        {"kind": "visit", "title": _("Tandai dikunjungi"), "member": True,
         "fields": [_select("kind", _("Jenis kunjungan"), KINDS.items()),
                    _select("outcome", _("Hasil kunjungan"), Visit.Outcome.choices),
                    _date("date", _("Tanggal")), _text("note", _("Catatan"), False)]},
        {"kind": "counseling", "title": _("Konseling dan penapisan"), "member": True,
         "fields": [_date("date", _("Tanggal")),
                    {"name": "topics", "label": _("Materi"), "type": "checks",
                     "options": _options(KieTopic.choices)},
                    {"name": "conditions", "label": _("Kondisi klien (tabel MEC)"),
                     "type": "mec"},
                    _text("note", _("Catatan"), False)]},
        {"kind": "referral", "title": _("Rujuk"), "member": True,
         "fields": [{"name": "facility", "label": _("Fasilitas"), "type": "list",
                     "list": "facilities"},
                    _text("reason", _("Alasan rujukan")), _date("sent_on", _("Tanggal")),
                    _select("method_wanted", _("Metode yang diinginkan"),
                            [("", "—"), *codes.Method.choices])]},
        {"kind": "kie", "title": _("Sesi KIE"),
         "fields": [{"name": "region_code", "label": _("Wilayah"), "type": "list",
                     "list": "regions"},
                    _date("date", _("Tanggal")), _text("place", _("Tempat")),
                    _select("presenter_kind", _("Penyuluh"), Presenter.choices),
                    _text("presenter_name", _("Nama penyuluh")),
                    {"name": "topics", "label": _("Materi"), "type": "checks",
                     "options": _options(KieTopic.choices)},
                    {"name": "audience_20_49_p", "label": _("Peserta perempuan 20–49"),
                     "type": "number"}]},
        {"kind": "meeting_attendance", "title": _("Hadir di pertemuan"),
         "fields": [{"name": "meeting", "label": _("Pertemuan"), "type": "list",
                     "list": "meetings"},
                    _select("role", _("Peran"), AttendanceRole.choices),
                    _text("name", _("Nama yang hadir"))]},
        {"kind": "poktan_session", "title": _("Pertemuan poktan"),
         "fields": [{"name": "group", "label": _("Kelompok"), "type": "list", "list": "groups"},
                    _date("date", _("Tanggal")), _select("topic", _("Materi"), topics),
                    _select("presenter_kind", _("Penyaji"), PoktanPresenter.choices),
                    _text("presenter_name", _("Nama penyaji")),
                    {"name": "attendees", "label": _("Yang hadir"), "type": "members",
                     "of": "group", "list": "groups"}]},
        {"kind": "iuran", "title": _("Iuran"),
         "fields": [{"name": "fund", "label": _("Dana"), "type": "list", "list": "funds"},
                    {"name": "month", "label": _("Bulan iuran"), "type": "month"},
                    _date("date", _("Tanggal bayar")),
                    {"name": "paid", "label": _("Yang membayar"), "type": "members",
                     "of": "fund", "list": "funds"}]},
    ]  # fmt: skip
