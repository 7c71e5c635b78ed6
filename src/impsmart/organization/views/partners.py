"""Cross-sector partners: the list in scope, a partner's page (contacts, joint activities,
count per month), add a partner, a contact or an activity."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, require_writable
from impsmart.forms_submit import submit
from impsmart.organization import actions
from impsmart.organization.forms import ActivityForm, ContactForm, PartnerForm
from impsmart.organization.models import Partner, PartnerActivity

READ = "view_institutions"
PAGE_SIZE = 50


@permission_required(READ)
def partner_list(request):
    found = Partner.objects.visible_to(request.user).filter(active=True)
    kind = params.choice(request.GET, "jenis", "", Partner.Kind.values)
    if kind:
        found = found.filter(kind=kind)
    page = Paginator(found.order_by("region_code", "kind", "name"), PAGE_SIZE).get_page(
        params.integer(request.GET, "page", 1, minimum=1)
    )
    activities = PartnerActivity.objects.visible_to(request.user)
    per_month = Counter(activities.values_list("date__year", "date__month"))
    months = sorted(per_month.items(), reverse=True)[:12]
    context = {"page": page, "kind": kind, "kinds": Partner.Kind.choices, "months": months}
    return render(request, "organization/partner_list.html", context)


def _detail(request, partner, contact_form=None, activity_form=None):
    try:
        require_writable(request.user, partner.region_code, actions.MANAGE)
        writable = True
    except PermissionDenied:
        writable = False
    context = {
        "partner": partner,
        "contacts": partner.contacts.all(),
        "activities": partner.activities.all()[:50],
        "writable": writable,
        "contact_form": contact_form or ContactForm(),
        "activity_form": activity_form or ActivityForm(user=request.user, partner=partner),
    }
    return render(request, "organization/partner_detail.html", context)


@permission_required(READ)
def partner_detail(request, pk):
    return _detail(request, get_visible(Partner.objects, request.user, pk=pk))


@permission_required(actions.MANAGE)
def partner_create(request):
    form = PartnerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = submit(form, actions.create_partner, actor=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": saved.name})
            return redirect("organization:partner_detail", saved.pk)
    return render(request, "organization/partner_form.html", {"form": form})


@require_POST
@permission_required(actions.MANAGE)
def contact_add(request, pk):
    partner = get_visible(Partner.objects, request.user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        saved = submit(
            form, actions.add_contact, actor=request.user, partner=partner, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Kontak %(name)s tersimpan.") % {"name": saved.name})
            return redirect("organization:partner_detail", pk)
    return _detail(request, partner, contact_form=form)


@require_POST
@permission_required(actions.MANAGE)
def activity_add(request, pk):
    partner = get_visible(Partner.objects, request.user, pk=pk)
    form = ActivityForm(request.POST, user=request.user, partner=partner)
    if form.is_valid():
        saved = submit(
            form, actions.record_activity, actor=request.user, partner=partner, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Kegiatan tercatat."))
            return redirect("organization:partner_detail", pk)
    return _detail(request, partner, activity_form=form)
