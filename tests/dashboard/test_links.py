"""Addresses reversed once per process (``impsmart.links``) equal Django's own."""

from django.template import Context, Template
from django.test import SimpleTestCase
from django.urls import NoReverseMatch, reverse, set_script_prefix

from impsmart import links

ROUTES = [
    ("families:detail", 9, ()),
    ("families:woman_event", 123456, ("keinginan",)),
    ("families:woman_event", 7, ("ganti",)),
    ("counseling:referral_detail", 1, ()),
    ("register:page", "73.06.01.1001.01", ()),  # not an id: reversed as it is
]


class PkUrlTests(SimpleTestCase):
    def tearDown(self):
        set_script_prefix("/")

    def test_equals_reverse_for_any_id_and_argument(self):
        for name, pk, rest in ROUTES:
            with self.subTest(name=name, pk=pk, rest=rest):
                self.assertEqual(links.pk_url(name, pk, *rest), reverse(name, args=[pk, *rest]))

    def test_follows_the_script_prefix(self):
        links.pk_url("families:detail", 3)
        set_script_prefix("/gowa/")
        self.assertEqual(links.pk_url("families:detail", 3), "/gowa/keluarga/3/")
        self.assertEqual(links.fixed("families:list"), "/gowa/keluarga/")

    def test_what_reverse_refuses_it_refuses(self):
        for pk in (None, "", True):
            with self.subTest(pk=pk), self.assertRaises(NoReverseMatch):
                links.pk_url("families:detail", pk)

    def test_the_tag_writes_what_the_url_tag_writes(self):
        context = Context({"m": {"pk": 42}})
        tag = Template("{% load links %}{% pk_url 'families:woman_event' m.pk 'hamil' %}")
        url = Template("{% url 'families:woman_event' m.pk 'hamil' %}")
        self.assertEqual(tag.render(context), url.render(context))
        self.assertEqual(tag.render(context), "/keluarga/anggota/42/hamil/")
