"""A desa with a known month: June 2026 in desa A (two dusun and one family on the desa itself).

Who is what at the end of June 2026 (M), and what happened in the month:
- w_first: first ever method, PIL from 10 June → PB (pb_pil), PA PIL (pemerintah);
- w_switch: SUNTIK3 since January 2025, switched to IMPLAN on 15 June → ganti cara, not PB;
- w_gap_switch: PIL stopped 1 April, IUD from 20 June (80 days later) → ganti cara;
- w_restart: PIL stopped 10 January, SUNTIK1 from 12 June (> 3 months) → KB ulang;
- w_dropout: KONDOM stopped 15 March (M−3), nothing since, IAT since 20 March → drop out in
  June (not in July), status IAT;
- w_pregnant: pregnant since February → hamil;
- w_postpartum: PIL ended by a pregnancy, birth on 1 May, SUNTIK3 (swasta) from 5 June → PB;
- w_ias: IAS; w_tial (family on the desa itself, no dusun): TIAL; w_old: 50, not a PUS.
Elsewhere: w_b in desa B (same kecamatan) uses IUD since 2024; w_c in desa C (another
kecamatan) uses PIL.
"""

import datetime as dt

from impsmart.families import contraception as kb
from tests.base import World
from tests.families.world import make_couple

JUNE = dt.date(2026, 6, 30)
D = dt.date


class ReportWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a1, a2, actor = cls.dusun_a1.code, cls.dusun_a2.code, cls.ppkbd_a
        cls.w_first = cls.wife(a1, D(1996, 1, 1))
        kb.start_method(
            actor=actor,
            member=cls.w_first,
            method="PIL",
            start_date=D(2026, 6, 10),
            jalur="pemerintah",
        )
        cls.w_switch = cls.wife(a1, D(1990, 2, 2))
        kb.start_method(
            actor=actor,
            member=cls.w_switch,
            method="SUNTIK3",
            start_date=D(2025, 1, 5),
            jalur="pemerintah",
        )
        kb.switch_method(
            actor=actor,
            member=cls.w_switch,
            method="IMPLAN",
            switch_date=D(2026, 6, 15),
            jalur="pemerintah",
        )
        cls.w_gap_switch = cls.wife(a1, D(1992, 3, 3))
        kb.start_method(
            actor=actor, member=cls.w_gap_switch, method="PIL", start_date=D(2025, 10, 1)
        )
        kb.stop_method(
            actor=actor, member=cls.w_gap_switch, end_date=D(2026, 4, 1), reason="efek_samping"
        )
        kb.start_method(
            actor=actor,
            member=cls.w_gap_switch,
            method="IUD",
            start_date=D(2026, 6, 20),
            jalur="swasta",
        )
        cls.w_restart = cls.wife(a2, D(1994, 4, 4))
        kb.start_method(actor=actor, member=cls.w_restart, method="PIL", start_date=D(2025, 6, 1))
        kb.stop_method(actor=actor, member=cls.w_restart, end_date=D(2026, 1, 10), reason="akses")
        kb.start_method(
            actor=actor,
            member=cls.w_restart,
            method="SUNTIK1",
            start_date=D(2026, 6, 12),
            jalur="pemerintah",
        )
        cls._non_users(a1, a2, actor)
        cls._elsewhere()

    @classmethod
    def _non_users(cls, a1, a2, actor):
        cls.w_dropout = cls.wife(a2, D(1998, 5, 5))
        kb.start_method(
            actor=actor, member=cls.w_dropout, method="KONDOM", start_date=D(2025, 9, 1)
        )
        kb.stop_method(
            actor=actor, member=cls.w_dropout, end_date=D(2026, 3, 15), reason="ingin_hamil"
        )
        kb.record_intention(
            actor=actor, member=cls.w_dropout, intention="IAT", recorded_on=D(2026, 3, 20)
        )
        cls.w_pregnant = cls.wife(a2, D(2000, 6, 6))
        kb.record_pregnancy(actor=actor, member=cls.w_pregnant, start_date=D(2026, 2, 1))
        cls.w_postpartum = cls.wife(a2, D(1997, 7, 7))
        kb.start_method(
            actor=actor, member=cls.w_postpartum, method="PIL", start_date=D(2025, 3, 1)
        )
        pregnancy = kb.record_pregnancy(
            actor=actor, member=cls.w_postpartum, start_date=D(2025, 8, 1)
        )
        kb.record_outcome(
            actor=actor, pregnancy=pregnancy, outcome_date=D(2026, 5, 1), outcome="lahir_hidup"
        )
        kb.start_method(
            actor=actor,
            member=cls.w_postpartum,
            method="SUNTIK3",
            start_date=D(2026, 6, 5),
            jalur="swasta",
        )
        cls.w_ias = cls.wife(a1, D(2001, 8, 8))
        kb.record_intention(
            actor=actor, member=cls.w_ias, intention="IAS", recorded_on=D(2026, 1, 1)
        )
        cls.w_tial = cls.wife(cls.desa_a.code, D(1985, 9, 9))
        kb.record_intention(
            actor=actor, member=cls.w_tial, intention="TIAL", recorded_on=D(2025, 12, 1)
        )
        cls.w_old = cls.wife(a1, D(1976, 6, 1))  # 50 on 1 June 2026

    @classmethod
    def _elsewhere(cls):
        cls.w_b = cls.wife(cls.desa_b.code, D(1993, 1, 1), actor=cls.pkb)
        kb.start_method(
            actor=cls.pkb,
            member=cls.w_b,
            method="IUD",
            start_date=D(2024, 2, 1),
            jalur="pemerintah",
        )
        cls.w_c = cls.wife(cls.dusun_c1.code, D(1991, 1, 1), actor=cls.ppkbd_c)
        kb.start_method(actor=cls.ppkbd_c, member=cls.w_c, method="PIL", start_date=D(2025, 1, 1))

    @classmethod
    def wife(cls, region_code, birth, actor=None):
        _, wife, _ = make_couple(actor or cls.ppkbd_a, region_code, birth)
        return wife
