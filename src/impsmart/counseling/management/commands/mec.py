import json

from django.core.management.base import BaseCommand, CommandError

from impsmart.counseling.mec import MecInputError, evaluate


class Command(BaseCommand):
    help = (
        "WHO MEC (5th ed.) eligibility: print every method's combined category for the given "
        'client facts, e.g. --json \'{"age": 17, "breastfeeding": true, '
        '"postpartum_weeks": 4}\'.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", required=True, dest="facts", help="client facts as JSON")

    def handle(self, *args, facts, **options):
        try:
            parsed = json.loads(facts)
        except json.JSONDecodeError as error:
            msg = f"--json bukan JSON yang sah: {error.msg} (kolom {error.colno})."
            raise CommandError(msg) from error
        if not isinstance(parsed, dict):
            raise CommandError('--json harus berupa objek, mis. {"age": 25}.')
        try:
            result = evaluate(parsed)
        except MecInputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
