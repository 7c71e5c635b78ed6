"""``get_FOO_display`` (``impsmart.choice_labels``) says what Django's own method says."""

from django.apps import apps
from django.db import models
from django.test import SimpleTestCase
from django.utils import translation

from impsmart import choice_labels
from impsmart.families.models import Member


class ChoiceLabelTests(SimpleTestCase):
    def test_every_choice_of_every_model_has_djangos_label_in_both_languages(self):
        checked = 0
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field.choices, (list, tuple)) or not field.choices:
                    continue
                display = getattr(model, f"get_{field.name}_display")
                for value in [value for value, _label in field.flatchoices] + ["tidak-ada"]:
                    instance = model(**{field.attname: value})
                    for language in ("id", "en"):
                        with translation.override(language):
                            expected = models.Model._get_FIELD_display(instance, field)
                            self.assertEqual(display(instance), expected, (field, value))
                    checked += 1
        self.assertGreater(checked, 100)

    def test_the_label_follows_the_language_of_the_moment(self):
        self.assertIs(Member.__dict__["get_relation_display"].func, choice_labels._display)
        wife = Member(relation="istri")
        with translation.override("id"):
            self.assertEqual(wife.get_relation_display(), "Istri")
        with translation.override("en"):
            self.assertEqual(wife.get_relation_display(), "Wife")
