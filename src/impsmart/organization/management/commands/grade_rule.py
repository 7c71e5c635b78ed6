import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.organization import actions, grading


class Command(BaseCommand):
    help = (
        "Show a kabupaten's grading rule as JSON, or store one from a JSON file "
        "({grade: [{measure, threshold, label}]}), audited as the kabupaten's admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="mis. 73.06")
        parser.add_argument("--set", dest="source", help="berkas JSON aturan baru")
        parser.add_argument("--as", dest="username", help="admin kabupaten yang mengubah")

    def handle(self, *args, kabupaten, source=None, username=None, **options):
        if source is None:
            rule = grading.rule_as_data(grading.rule_for(kabupaten))
            self.stdout.write(json.dumps(rule, ensure_ascii=False, indent=2))
            return
        try:
            criteria = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Berkas aturan {source} tidak terbaca: {error}") from error
        admins = User.objects.filter(
            role=Role.ADMIN_KABUPATEN, is_active=True, region_code=kabupaten
        )
        if username:
            admins = User.objects.filter(username=username, is_active=True)
        actor = admins.order_by("pk").first()
        if actor is None:
            raise CommandError("Tidak ada admin kabupaten ini; sebutkan --as USERNAME.")
        try:
            actions.save_grade_rule(actor=actor, region_code=kabupaten, criteria=criteria)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Aturan klasifikasi {kabupaten} tersimpan.")
