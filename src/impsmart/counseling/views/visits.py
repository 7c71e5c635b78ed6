"""The visit list page, marking a visit (htmx), and the blocks on the home page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import get_visible
from impsmart.counseling import actions, facilities, visits
from impsmart.counseling.forms import VisitForm
from impsmart.counseling.models import Referral, Visit
from impsmart.families.models import Member
from impsmart.forms_submit import submit
from impsmart.regions import lookup
from impsmart.regions.models import Level, Region

HOME_ITEMS = 10  # the most urgent visits on the home page; confirmations come on top
PAGE_SIZE = 30
# Roles whose home page carries the visit list (koordinator and admin scopes are too wide).
VISIT_LIST_ROLES = {Role.PPKBD, Role.SUB_PPKBD, Role.PKB}
# The list is computed for a desa or below: a kecamatan or the kabupaten is chosen down to one.
LIST_LEVELS = {Level.DESA, Level.DUSUN, Level.RW, Level.RT}


def _list_context(user: Any, limit: int | None = None, region_code: str = "") -> dict:
    """The visit list; with ``limit``, every confirmation (listed first) and ``limit`` visits."""
    today = dates.today()
    items = visits.visit_list(user, today, region_code, members=False)
    waiting = sum(item.state == "konfirmasi" for item in items)
    items_shown = visits.with_members(items[: waiting + limit], user) if limit else items
    return {
        "items": items_shown,
        "regions_shown": _regions(items_shown, user) if limit else {},
        "total_items": len(items),
        "today": today,
        # Once for the page, not once per item's form (30 × 6 lazy labels and options).
        "outcome_options": format_html_join(
            "", '<option value="{}">{}</option>', Visit.Outcome.choices
        ),
    }


def _regions(items: list[visits.Item], user: Any) -> dict:
    """The regions the shown items name, for ``{% region %}``: one query for all."""
    return lookup.by_code(user, {item.member.family.region_code for item in items})


def _chosen_region(user: Any, query: QueryDict) -> Region | None:
    """``?wilayah=`` (in scope), else the user's only region; None for several of them."""
    code = params.region_code(query, "wilayah")
    if code:
        return get_visible(Region.objects, user, code=code)
    codes = user.scope_codes
    return Region.objects.filter(code=codes[0]).first() if len(codes) == 1 else None


def _page_context(user: Any, query: QueryDict) -> dict:
    """A desa's list (or a PKB's desa binaan), filtered and paged; wider scopes choose first.

    The list is computed item by item for the region, so a kecamatan or the kabupaten is
    never listed whole: its page offers its child regions until a desa is chosen.
    """
    region = _chosen_region(user, query)
    context: dict[str, Any] = {
        "region": region,
        "ancestors": region.ancestors() if region else [],
        "kinds": visits.KINDS,
        "states": visits.STATE_LABELS,
    }
    if region is not None and region.level not in LIST_LEVELS:
        return context | {"choices": region.children.visible_to(user).order_by("code")}
    context |= _list_context(user, region_code=region.code if region else "")
    kind = params.choice(query, "jenis", "", visits.KINDS)
    state = params.choice(query, "keadaan", "", visits.STATE_LABELS)
    items = [
        i
        for i in context["items"]
        if (not kind or i.kind == kind) and (not state or i.state == state)
    ]
    page = Paginator(items, PAGE_SIZE).get_page(params.integer(query, "page", 1, minimum=1))
    filters = {"jenis": kind, "keadaan": state}
    items_shown = visits.with_members(list(page.object_list), user)
    return context | {
        "items": items_shown,
        "regions_shown": _regions(items_shown, user),
        "page": page,
        "filters": filters,
        "filtered": bool(kind or state),
        "shown_items": len(items),
        "region_code": region.code if region else "",
    }


@permission_required(actions.PERMISSION)
def visit_list(request):
    return render(request, "counseling/visit_list.html", _page_context(request.user, request.GET))


@require_POST
@permission_required(actions.PERMISSION)
def visit_record(request):
    """Mark an item visited; htmx gets the refreshed list back, a plain form a redirect."""
    form = VisitForm(request.POST)
    valid = form.is_valid()
    if "member" in form.errors or "kind" in form.errors:
        raise PermissionDenied  # hidden fields tampered with: nothing to show back
    member = get_visible(
        Member.objects.select_related("family"), request.user, pk=form.cleaned_data["member"]
    )
    if valid:
        data = form.cleaned_data
        submit(
            form,
            actions.record_visit,
            actor=request.user,
            member=member,
            kind=data["kind"],
            outcome=data["outcome"],
            date=data["date"],
            note=data["note"],
        )
    error = " ".join(str(m) for errors in form.errors.values() for m in errors)
    if error and not request.headers.get("HX-Request"):
        messages.error(request, error)
    # A refused mark shows its form again, open, with what was typed.
    typed = {name: form[name].value() or "" for name in form.fields} if error else {}
    limit = HOME_ITEMS if params.choice(request.POST, "home", "", ["1"]) else None
    if request.headers.get("HX-Request") and limit:
        context = {**_list_context(request.user, limit), "home": True, "error": error}
        return render(request, "counseling/_visit_list.html", context | {"typed": typed})
    target = params.text(request.POST, "next", max_length=params.LONG_TEXT)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "counseling:visits"
    if request.headers.get("HX-Request"):
        # The list page answers its own region, filters and page (the query of ``next``).
        query = QueryDict(urlsplit(target).query)
        context = {**_page_context(request.user, query), "error": error, "typed": typed}
        return render(request, "counseling/_visit_list.html", context)
    return redirect(target)


def home_blocks(user: Any) -> dict:
    """Context for the home page: the visit list (cadres, PKB) or incoming referrals (mitra)."""
    if user.role == Role.MITRA:
        incoming = Referral.objects.visible_to(user).select_related("member__family")
        return {
            "mitra_facility": facilities.facility_of(user),
            "incoming_referrals": incoming.filter(status=Referral.Status.SENT)[:HOME_ITEMS],
        }
    if user.role in VISIT_LIST_ROLES:
        return {"visit_block": True, "home": True, **_list_context(user, HOME_ITEMS)}
    return {}
