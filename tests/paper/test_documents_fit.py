"""The other printed documents, read back from their PDF: the buku kas (and its xlsx, printed
by LibreOffice), a kecamatan meeting's minutes and pack, a training certificate, the Bupati
decree and the M&E bulletin of the kabupaten and the largest kecamatan.

The data is long on purpose: a ledger of more than one page with long descriptions and large
amounts, a meeting of one PPKBD per desa with long actions, an institution per desa in the
decree's attachment.
"""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from impsmart.accounts.audit import acting_as
from impsmart.funds import actions as funds
from impsmart.funds.models import Fund, Kind
from impsmart.meetings import actions as meetings
from impsmart.monitoring import bulletin
from impsmart.organization import decree
from impsmart.organization.models import BoardSeat, Institution, Level, Seat
from impsmart.training.models import Certificate, Event, Participant
from tests.paper import PaperWorld, printed_pages, text_of

PURPOSES = [
    "Iuran bulanan",
    "Bantuan Pemerintah Desa untuk pertemuan rutin dan konsumsi kader",
    "Pembelian buku register, alat tulis, map dan materai untuk laporan bulanan ke kecamatan "
    "serta fotokopi formulir rujukan dan kartu peserta KB untuk dua puluh keluarga baru",
    "Transport kader ke Puskesmas",
]
LONG_PROBLEM = (
    "Stok alat kontrasepsi suntik di Pustu habis sejak awal bulan sehingga akseptor dirujuk "
    "ke Puskesmas; koordinasi dengan bidan desa dan PKB untuk permintaan ulang ke gudang"
)


class DocumentsWorld(PaperWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ppkbds = []
        for number, desa in enumerate(cls.desa, start=1):
            body = Institution.objects.create(
                code=f"PPKBD-{number}", level=Level.PPKBD, region_code=desa.code,
                name=f"PPKBD {desa.name}",
            )  # fmt: skip
            for seat, name in [(Seat.KETUA, "Hj. Nurhayati"), (Seat.BENDAHARA, "Rosmini")]:
                BoardSeat.objects.create(
                    institution=body, seat=seat, name=f"{name} {number}",
                    started_on=dt.date(2025, 1, 1),
                )  # fmt: skip
            cls.ppkbds.append(body)
        cls.body = Institution.objects.create(
            code="KEC-1", level=Level.KECAMATAN, region_code=cls.kecamatan.code,
            name=f"Kader IMP Smart Kecamatan {cls.kecamatan.name}",
        )  # fmt: skip
        BoardSeat.objects.create(
            institution=cls.body, seat=Seat.KETUA, name="Hasnah Daeng Ngai",
            started_on=dt.date(2025, 1, 1),
        )  # fmt: skip
        cls.fund = cls.ledger()
        cls.meeting = cls.meetings()
        cls.participant = cls.certificate()

    @classmethod
    def ledger(cls) -> Fund:
        keeper = cls.ppkbd
        with acting_as(keeper):
            fund = funds.create_fund(
                actor=keeper, institution=cls.ppkbds[0], name="Kas PPKBD", kind=Fund.Kind.KAS,
                treasurer_name="Rosmini Daeng Kanang", chair_name="Hj. Nurhayati Daeng Sau",
            )  # fmt: skip
            for i in range(34):
                kind = Kind.SPENDING if i % 3 == 2 else Kind.INCOME
                amount = 1_250_000 if kind == Kind.INCOME else 175_500
                entry = funds.record_entry(
                    actor=keeper, fund=fund, kind=kind, amount=amount,
                    date=dt.date(2026, 11, 1 + i % 17), purpose=PURPOSES[i % len(PURPOSES)],
                )  # fmt: skip
            funds.reverse_entry(
                actor=keeper, entry=entry, reason="Salah catat jumlah", date=dt.date(2026, 11, 18)
            )
        return fund

    @classmethod
    def meetings(cls):
        actor = cls.koordinator
        with acting_as(actor):
            last = meetings.schedule_meeting(
                actor=actor, institution=cls.body, date=dt.date(2026, 10, 13), place="Aula"
            )
            meetings.add_attendance(actor=actor, meeting=last, role="pkb", name="Pak Rahman")
            for i in range(4):
                meetings.raise_action(
                    actor=actor, meeting=last, problem=f"{LONG_PROBLEM} ({i + 1})",
                    owner_name="Bidan Desa", due_on=dt.date(2026, 11, 5),
                )  # fmt: skip
            meetings.save_minutes(actor=actor, meeting=last, minutes="Dibahas.", finalise=True)
            meeting = meetings.schedule_meeting(
                actor=actor, institution=cls.body, date=dt.date(2026, 11, 10),
                place="Aula Kantor Camat", agenda="Laporan bulanan\nPersiapan pelayanan KB",
            )  # fmt: skip
            for body in cls.ppkbds:
                name = BoardSeat.objects.get(institution=body, seat=Seat.KETUA).name
                meetings.add_attendance(actor=actor, meeting=meeting, role="ppkbd", name=name)
            meetings.add_attendance(actor=actor, meeting=meeting, role="pkb", user=actor)
            for i in range(3):
                meetings.raise_action(
                    actor=actor, meeting=meeting, problem=f"{LONG_PROBLEM} ({i + 5})",
                    owner_name="Koordinator PKB", due_on=dt.date(2026, 12, 5),
                )  # fmt: skip
            minutes = "\n\n".join(f"{n}. {LONG_PROBLEM}." for n in range(1, 9))
            meetings.save_minutes(actor=actor, meeting=meeting, minutes=minutes, finalise=True)
        return meeting

    @classmethod
    def certificate(cls) -> Participant:
        event = Event.objects.create(
            kind="workshop", region_code=cls.kecamatan.code, organiser="dinas",
            title="Lokakarya Penguatan Kelembagaan dan Pencatatan Pelaporan Kader IMP Smart",
            facilitators="Ibu Hasnah, Bapak Rahman", place="Aula Kantor Camat",
            starts_on=dt.date(2026, 11, 16), ends_on=dt.date(2026, 11, 17),
            created_by=cls.koordinator,
        )  # fmt: skip
        participant = Participant.objects.create(
            event=event, user=cls.ppkbd, region_code=cls.ppkbd.region_code, attended=True
        )
        Certificate.objects.create(
            participant=participant, code="ABCD-2345", issued_on=dt.date(2026, 11, 17)
        )
        return participant


class DocumentsFitTests(DocumentsWorld):
    def statement(self, kind: str) -> bytes:
        self.client.force_login(self.ppkbd)
        url = reverse("funds:statement", args=[self.fund.pk])
        return self.client.get(url, {"bulan": "2026-11", "format": kind}).content

    def test_the_buku_kas_runs_on_with_dots_in_its_amounts_and_prints_the_same_in_xlsx(self):
        pdf = self.statement("pdf")
        pages = self.assertReadable("buku-kas", pdf)
        self.assertGreater(len(pages), 1)
        self.assertIn("1.250.000", text_of(pages[0]))
        self.assertIn("Tanggal", text_of(pages[1]))  # the headings repeat
        last = text_of(pages[-1])
        for words in ("Saldo akhir", "Rosmini Daeng Kanang", "Hj. Nurhayati Daeng Sau"):
            self.assertIn(words, last)
        xlsx = self.statement("xlsx")
        sheet = load_workbook(io.BytesIO(xlsx)).active
        amounts = [c.value for c in sheet["E"] if isinstance(c.value, int)]
        self.assertIn(1_250_000, amounts)
        self.assertEqual((sheet.print_title_rows, sheet.freeze_panes), ("$1:$7", "C8"))
        self.assertEqual(printed_pages(xlsx), len(pages))

    def test_the_minutes_of_a_kecamatan_meeting_are_signed_by_its_chair_and_note_taker(self):
        self.client.force_login(self.koordinator)
        url = reverse("meetings:detail", args=[self.meeting.pk])
        pages = self.assertReadable(
            "meeting-minutes", self.client.get(url, {"format": "pdf"}).content
        )
        self.assertGreater(len(pages), 1)
        self.assertIn("NOTULEN", text_of(pages[0]))
        self.assertIn("Notulen", text_of(pages[1]))  # the running head
        last = text_of(pages[-1])
        self.assertIn("Hasnah Daeng Ngai", last)
        self.assertIn("Andi Makkasau", last)

    def test_the_meeting_pack_shows_the_months_figures(self):
        self.client.force_login(self.koordinator)
        url = reverse("meetings:pack", args=[self.meeting.pk])
        pages = self.assertReadable("meeting-pack", self.client.get(url, {"format": "pdf"}).content)
        text = " ".join(text_of(page) for page in pages)
        for words in ("Oktober 2026", "Jumlah PUS", "Rekapitulasi PUS dan Peserta KB"):
            self.assertIn(words, text)

    def test_a_certificate_is_one_landscape_page_signed_by_the_organiser(self):
        self.client.force_login(self.ppkbd)
        url = reverse("training:certificate", args=[self.participant.pk])
        pages = self.assertReadable("certificate", self.client.get(url).content)
        self.assertEqual(len(pages), 1)
        self.assertGreater(pages[0]["width"], pages[0]["height"])
        for words in ("Siti Rahma", "Andi Makkasau", "ABCD-2345"):
            self.assertIn(words, text_of(pages[0]))

    def test_the_decree_lists_every_institution_by_its_wilayah_name(self):
        for region in (self.kabupaten, self.kecamatan):
            with self.subTest(region.level):
                data = decree.to_pdf(decree.draft(region, 2027))
                pages = self.assertReadable(f"decree-{region.level}", data)
                text = " ".join(text_of(page) for page in pages)
                self.assertIn(f"PPKBD {self.desa[-1].name}", text)
                self.assertIn(f"Kecamatan {self.kecamatan.name}", text)

    def test_the_bulletin_of_the_kabupaten_and_the_kecamatan(self):
        for region in (self.kabupaten, self.kecamatan):
            with self.subTest(region.level):
                data = bulletin.pdf(bulletin.build(region, dt.date(2026, 10, 31)))
                pages = self.assertReadable(f"bulletin-{region.level}", data)
                self.assertIn(region.name.split()[0], text_of(pages[0]))
                self.assertIn("Oktober 2026", text_of(pages[0]))
