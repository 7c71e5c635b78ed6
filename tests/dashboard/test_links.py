"""Addresses reversed once per process (``impsmart.links``) equal Django's own."""

from unittest import mock

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


class UrlTagTests(SimpleTestCase):
    """Every template's ``{% url %}`` is ``impsmart.url_tag``'s: Django's addresses, each
    reversed once per process for text and number arguments."""

    def tearDown(self):
        set_script_prefix("/")

    def render(self, text: str, **context) -> str:
        return Template(text).render(Context(context))

    def test_writes_what_reverse_writes(self):
        for name, pk, rest in ROUTES:
            with self.subTest(name=name, pk=pk, rest=rest):
                arguments = " ".join(f"'{value}'" for value in rest)
                found = self.render(f"{{% url '{name}' pk {arguments} %}}", pk=pk)
                self.assertEqual(found, reverse(name, args=[pk, *rest]))
        self.assertEqual(self.render("{% url 'families:list' %}"), "/keluarga/")
        self.assertEqual(
            self.render("{% url 'families:detail' pk=p %}", p=5),
            reverse("families:detail", args=[5]),
        )

    def test_reverses_an_address_once(self):
        self.render("{% url 'families:detail' 31 %}")
        with (
            mock.patch("django.urls.reverse", side_effect=AssertionError) as django_reverse,
            mock.patch.object(links, "reverse", side_effect=AssertionError) as kept_reverse,
        ):
            self.assertEqual(self.render("{% url 'families:detail' 31 %}"), "/keluarga/31/")
            self.assertEqual(self.render("{% url 'families:detail' p %}", p=31), "/keluarga/31/")
        django_reverse.assert_not_called()
        kept_reverse.assert_not_called()

    def test_follows_the_script_prefix_and_escapes(self):
        self.render("{% url 'families:detail' 8 %}")
        set_script_prefix("/gowa/")
        self.assertEqual(self.render("{% url 'families:detail' 8 %}"), "/gowa/keluarga/8/")
        code = "73.06&01"
        escaped = self.render("{% url 'register:page' c %}", c=code)
        self.assertEqual(escaped, reverse("register:page", args=[code]).replace("&", "&amp;"))

    def test_as_a_variable_and_refusals_as_djangos_tag(self):
        found = self.render("{% url 'families:detail' 4 as u %}[{{ u }}]")
        self.assertEqual(found, "[/keluarga/4/]")
        self.assertEqual(self.render("{% url 'no:such' as u %}[{{ u }}]"), "[]")
        with self.assertRaises(NoReverseMatch):
            self.render("{% url 'no:such' %}")
        with self.assertRaises(NoReverseMatch):
            self.render("{% url 'families:detail' p %}", p=None)

    def test_other_arguments_are_reversed_each_time(self):
        class Row:
            def __str__(self) -> str:
                return "12"

        with mock.patch.object(links, "reverse", wraps=reverse) as reversed_:
            for _ in range(2):
                self.assertEqual(
                    self.render("{% url 'families:detail' r %}", r=Row()), "/keluarga/12/"
                )
        self.assertEqual(reversed_.call_count, 2)
