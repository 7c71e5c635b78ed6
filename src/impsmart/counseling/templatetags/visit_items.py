"""``{% visit_items %}``: the items of a visit list as HTML, written in Python.

A desa's list page shows 30 items and a home 10, each with its state, member, region, links
and a small form: as a template loop they took a quarter of the visit list page and of a
cadre's home (25 template nodes an item). The HTML is the loop's, byte for byte
(``tests/counseling/test_visit_items.py`` renders both).
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impsmart.counseling.models import Visit
from impsmart.counseling.visits import dmy
from impsmart.links import fixed, pk_url
from impsmart.regions.templatetags.regions import region

register = template.Library()


def _state(item) -> str:
    """The state's words, as the loop's ``{% if %}`` chain wrote them (its line breaks too)."""
    if item.state == "konfirmasi":
        return _("MENUNGGU KONFIRMASI ANDA") + "\n"
    if item.state == "berisiko":
        n = item.days_late
        words = ngettext("BERISIKO · terlambat %(n)s hari", "BERISIKO · terlambat %(n)s hari", n)
        return words % {"n": localize(n)} + "\n"
    if item.state == "terlambat":
        n = item.days_late
        words = ngettext("TERLAMBAT %(n)s hari", "TERLAMBAT %(n)s hari", n)
        return words % {"n": localize(n)} + "\n"
    if item.days_left:
        n = item.days_left
        words = ngettext(
            "JATUH TEMPO dalam %(n)s hari (%(d)s)", "JATUH TEMPO dalam %(n)s hari (%(d)s)", n
        )
        return words % {"n": localize(n), "d": dmy(item.due)} + "\n"
    return _("JATUH TEMPO hari ini")


@register.simple_tag(takes_context=True)
def visit_items(context) -> str:
    items = context.get("items") or []
    if not items:
        nothing = esc(_("Tidak ada yang perlu dikunjungi sekarang."))
        return mark_safe(f'<p class="muted">{nothing}</p>')  # noqa: S308 - escaped
    request = context["request"]
    token = context.get("csrf_token")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(token)}">'
        if token and token != "NOTPROVIDED"
        else ""
    )
    parts = {
        "record": esc(fixed("counseling:visit_record")),
        "next": esc(request.get_full_path()),
        "day": f"{context['today']:%Y-%m-%d}",
        "home": '<input type="hidden" name="home" value="1">' if context.get("home") else "",
        "options": esc(context.get("outcome_options", "")),
        "mark": esc(_("Tandai dikunjungi")),
        "counsel": esc(_("Konseling")),
        "outcome": esc(_("Hasil")),
        "date": esc(_("Tanggal")),
        "note": esc(_("Catatan")),
        "save": esc(_("Simpan kunjungan")),
        "csrf": csrf,
    }
    # As the loop wrote them: a line break after each item, the list's end before the last.
    html = "\n".join(_item(item, context, parts) for item in items)
    return mark_safe(f'<ul class="visits">{html}</ul>\n')  # noqa: S308 - each part escaped


def _item(item, context, p: dict[str, str]) -> str:
    member, kind = item.member, item.kind
    visited = ""
    if item.last_visit:
        when = _("dikunjungi %(d)s") % {"d": dmy(item.last_visit)}
        visited = f" · {esc(when)} ({esc(item.last_outcome)})"
    referral = ""
    if kind in ("confirm", "referral"):
        words = _("Konfirmasi") if kind == "confirm" else _("Lihat rujukan")
        link = esc(pk_url("counseling:referral_detail", item.referral_id))
        referral = f'<a href="{link}">{esc(words)}</a> · '
    typed = context.get("typed") or {}
    retyped = typed if (typed.get("member"), typed.get("kind")) == (str(member.pk), kind) else None
    form = _form(member, kind, p, retyped) if kind != "confirm" else ""
    family = member.family
    place = f"{esc(family.address)} · {region(family.region_code, context)}"
    return f"""
  <li id="visit-{esc(kind)}-{member.pk}">
    <span class="state state-{esc(item.state)}">{esc(_state(item))}
</span>
    · {esc(item.label)}<br>
    <b>{esc(member.name)}</b> <span class="muted">{place}</span><br>
    <span class="muted">{esc(item.detail)}{visited}</span><br>
    {referral}
    <a href="{esc(pk_url("counseling:counsel", member.pk))}">{p["counsel"]}</a>
    {form}
  </li>
"""


def _retyped_options(outcome: str) -> str:
    return "".join(
        f'<option value="{esc(value)}"{" selected" if value == outcome else ""}>{esc(label)}'
        "</option>"
        for value, label in Visit.Outcome.choices
    )


def _form(member, kind: str, p: dict[str, str], typed: dict | None) -> str:
    """The item's "mark visited" form (htmx, or kept offline without a signal); ``typed``:
    what the user had typed into it when it was refused, shown again, the form open."""
    post = (
        f'method="post" action="{p["record"]}" hx-post="{p["record"]}" hx-target="#visit-list" '
        'hx-swap="outerHTML" data-offline-kind="visit" '
        f'data-offline-title="{p["mark"]} · {esc(member.name)}"'
    )
    day = f'value="{p["day"]}" max="{p["day"]}"'
    options, note, details = p["options"], "", "<details>"
    if typed:
        day = f'value="{esc(typed["date"])}" max="{p["day"]}"'
        options = _retyped_options(typed["outcome"])
        note = f' value="{esc(typed["note"])}"'
        details = "<details open>"
    return f"""
    {details}
      <summary>{p["mark"]}</summary>
      <form {post}>
        {p["csrf"]}
        <input type="hidden" name="member" value="{member.pk}">
        <input type="hidden" name="kind" value="{esc(kind)}">
        <input type="hidden" name="next" value="{p["next"]}">
        {p["home"]}
        <label>{p["outcome"]}<select name="outcome">{options}</select></label>
        <label>{p["date"]}<input type="date" name="date" {day}></label>
        <label>{p["note"]}<input type="text" name="note" maxlength="300"{note}></label>
        <button type="submit">{p["save"]}</button>
      </form>
    </details>
    """
