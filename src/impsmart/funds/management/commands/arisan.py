"""``impsmart arisan verify CYCLE|--all``: recompute every draw from its recorded seed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from impsmart.funds import arisan
from impsmart.funds.models import ArisanCycle


class Command(BaseCommand):
    help = (
        "`arisan verify CYCLE` or `arisan verify --all` recomputes every arisan draw from its "
        "recorded seed and commitment and exits non-zero on any mismatch."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("cycle", nargs="?", type=int, help="the cycle's number (id)")
        parser.add_argument("--all", action="store_true", help="every cycle")

    def handle(self, *args, action, cycle, all, **options):
        cycles = ArisanCycle.objects.order_by("pk")
        if not all:
            if cycle is None:
                raise CommandError("Sebutkan nomor putaran arisan, atau --all.")
            cycles = cycles.filter(pk=cycle)
            if not cycles.exists():
                raise CommandError(f"Putaran arisan {cycle} tidak ditemukan.")
        draws = bad = 0
        for found in cycles:
            for check in arisan.recompute(found):
                draws += 1
                if not check.ok:
                    bad += 1
                    reason = (
                        "benih ≠ komitmen"
                        if not check.seed_matches
                        else (
                            f"pemenang tercatat {check.draw.winner_id}, hitungan {check.expected}"
                        )
                    )
                    self.stdout.write(
                        f"TIDAK COCOK: putaran {found.pk} bulan ke-{check.draw.period}: {reason}"
                    )
        if bad:
            raise CommandError(f"{bad} dari {draws} undian tidak cocok.")
        self.stdout.write(f"{draws} undian diperiksa, semua cocok.")
