"""The listed members carry their place in the members' order (KK number, birth date), so
that the visit list orders the episodes' items without joining every member and family."""

import datetime

from django.db import migrations, models

# Filled from the registers (plain SQL, as 0003: a migration may not import the app's code).
FILL = """
UPDATE counseling_listedmember SET
    kk_number = (SELECT f.kk_number FROM families_family f
                 WHERE f.id = counseling_listedmember.family_id),
    birth_date = (SELECT m.birth_date FROM families_member m
                  WHERE m.id = counseling_listedmember.member_id)
"""


class Migration(migrations.Migration):
    dependencies = [("counseling", "0004_listed_member_c_index_postgresql")]

    operations = [
        migrations.AddField(
            model_name="listedmember",
            name="kk_number",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="listedmember",
            name="birth_date",
            field=models.DateField(default=datetime.date(1900, 1, 1)),
            preserve_default=False,
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
    ]
