"""``{% family_rows %}``: the rows of the family list as HTML, written in Python.

Twenty-five rows of a dozen template nodes each were a third to a half of the family list's
time. The HTML is the template loop's, byte for byte (``tests/families/test_family_rows.py``
renders both).
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from impsmart.links import pk_url

register = template.Library()


@register.simple_tag(takes_context=True)
def family_rows(context) -> str:
    page = context["page"]
    if not page.object_list:
        if context.get("query"):
            nothing = _("Tidak ada keluarga yang cocok.")
        else:
            nothing = _("Belum ada keluarga terdaftar.")
        return mark_safe(f'\n  <li class="muted">{esc(nothing)}</li>\n')  # noqa: S308 - escaped
    words = {
        "left": esc(_("keluar")),
        "no_head": esc(_("(belum ada kepala keluarga)")),
        "head": esc(_("kepala keluarga")),
        "Head": esc(_("Kepala keluarga")),
    }
    return mark_safe("".join(_row(f, words) for f in page))  # noqa: S308 - each part escaped


def _person(f, p, words: dict[str, str]) -> str:
    link = f"{esc(pk_url('families:detail', f.pk))}#anggota-{p.pk}"
    left = f", {words['left']} {p.left_on:%d-%m-%Y}" if p.left_on else ""
    return (
        f'<a href="{link}"><b>{esc(p.name)}</b></a> ({esc(p.get_relation_display().lower())}{left})'
    )


def _row(f, words: dict[str, str]) -> str:
    if f.people:
        names = ", ".join(_person(f, p, words) for p in f.people)
        head = f"{words['Head']}: {esc(f.head_name or '—')} · "
    else:
        link = esc(pk_url("families:detail", f.pk))
        names = (
            f'<a href="{link}"><b>{esc(f.head_name) if f.head_name else words["no_head"]}</b></a>'
        )
        names += f" ({words['head']})" if f.head_name else ""
        head = ""
    place = f", {esc(f.place)}" if f.place else ""
    ks = f" · {esc(f.ks_label)}" if f.ks_stage else ""
    address = f'<br><small class="muted">{esc(f.address)}</small>' if f.address else ""
    return (
        f"\n  <li>{names}\n    — KK {esc(f.kk_number)}{place}\n"
        f'    <br><span class="muted">{head}{esc(f.members_label)}{ks}</span>\n'
        f"    {address}</li>\n"
    )
