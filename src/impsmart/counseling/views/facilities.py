"""Partner facilities: the list in scope, a facility's page (staff, referral counts), add, edit,
delete, and linking the mitra accounts that answer its referrals.

Reads go through ``Facility.objects.visible_to`` (field staff also see the Puskesmas above
their desa); every write goes through ``counseling/actions.py``, which refuses (403) a region
outside the user's scope or a role without ``manage_facilities``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, require_writable
from impsmart.counseling import actions, facilities
from impsmart.counseling.forms import FacilityForm, StaffLinkForm
from impsmart.counseling.models import Facility
from impsmart.forms_submit import submit
from impsmart.regions.models import Level, Region

READ = "view_facilities"
PAGE_SIZE = 50


def _writable(user, facility: Facility) -> bool:
    """Whether to offer the edit buttons (the actions check again)."""
    try:
        require_writable(user, facility.region_code, actions.FACILITY_PERMISSION)
    except PermissionDenied:
        return False
    return True


@permission_required(READ)
def facility_list(request):
    found = Facility.objects.visible_to(request.user).annotate(n_staff=Count("staff"))
    kind = params.choice(request.GET, "jenis", "", Facility.Kind.values)
    if kind:
        found = found.filter(kind=kind)
    region = None
    code = params.region_code(request.GET, "wilayah")
    if code:
        region = get_visible(Region.objects, request.user, code=code)
        found = found.within(region.code)
    page = Paginator(found.order_by("region_code", "kind", "name"), PAGE_SIZE).get_page(
        params.integer(request.GET, "page", 1, minimum=1)
    )
    labels = facilities.region_labels(f.region_code for f in page)
    for facility in page:
        facility.region_label = labels.get(facility.region_code, facility.region_code)
    regions = Region.objects.visible_to(request.user).filter(
        level__in=[Level.KECAMATAN, Level.DESA]
    )
    context = {
        "page": page,
        "kind": kind,
        "kinds": Facility.Kind.choices,
        "region": region,
        "regions": regions.order_by("code"),
    }
    return render(request, "counseling/facility_list.html", context)


def _detail_context(request, facility: Facility, link_form: StaffLinkForm | None = None) -> dict:
    writable = _writable(request.user, facility)
    if writable and link_form is None:
        link_form = StaffLinkForm(actor=request.user, facility=facility)
    counts = facilities.referral_counts(request.user, facility, dates.today())
    return {
        "facility": facility,
        "region_label": facilities.region_labels([facility.region_code]).get(
            facility.region_code, facility.region_code
        ),
        "staff": facility.staff.select_related("user").order_by("user__username"),
        "counts": counts,
        "writable": writable,
        "link_form": link_form if writable else None,
        # Deleting is offered only while nothing refers to the facility (the action refuses too).
        "deletable": writable and not facility.referrals.exists(),
    }


@permission_required(READ)
def facility_detail(request, pk):
    facility = get_visible(Facility.objects, request.user, pk=pk)
    return render(request, "counseling/facility_detail.html", _detail_context(request, facility))


@permission_required(actions.FACILITY_PERMISSION)
def facility_create(request):
    form = FacilityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        facility = submit(form, actions.create_facility, actor=request.user, **form.cleaned_data)
        if facility is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": facility.name})
            return redirect("counseling:facility_detail", facility.pk)
    return render(request, "counseling/facility_form.html", {"form": form})


@permission_required(actions.FACILITY_PERMISSION)
def facility_edit(request, pk):
    facility = get_visible(Facility.objects, request.user, pk=pk)
    # Field staff also see the Puskesmas or RSUD above their region; they may not change it.
    require_writable(request.user, facility.region_code, actions.FACILITY_PERMISSION)
    initial = {
        "name": facility.name,
        "kind": facility.kind,
        "region_code": facility.region_code,
        "phone": facility.phone,
    }
    form = FacilityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.update_facility,
            actor=request.user,
            facility=facility,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": saved.name})
            return redirect("counseling:facility_detail", saved.pk)
        facility.refresh_from_db()  # the refused change must not show as saved
    context = {"form": form, "edited": facility}
    return render(request, "counseling/facility_form.html", context)


@require_POST
@permission_required(actions.FACILITY_PERMISSION)
def facility_delete(request, pk):
    facility = get_visible(Facility.objects, request.user, pk=pk)
    name = facility.name
    try:
        actions.delete_facility(actor=request.user, facility=facility)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("counseling:facility_detail", pk)
    messages.success(request, _("%(name)s dihapus.") % {"name": name})
    return redirect("counseling:facility_list")


@require_POST
@permission_required(actions.FACILITY_PERMISSION)
def facility_staff_link(request, pk):
    facility = get_visible(Facility.objects, request.user, pk=pk)
    form = StaffLinkForm(request.POST, actor=request.user, facility=facility)
    if form.is_valid():
        user = form.cleaned_data["user"]
        linked = submit(form, actions.link_staff, actor=request.user, user=user, facility=facility)
        if linked is not None:
            messages.success(
                request,
                _("%(user)s kini menjawab rujukan ke %(facility)s.")
                % {"user": user.username, "facility": facility.name},
            )
            return redirect("counseling:facility_detail", pk)
    context = _detail_context(request, facility, link_form=form)
    return render(request, "counseling/facility_detail.html", context)


@require_POST
@permission_required(actions.FACILITY_PERMISSION)
def facility_staff_unlink(request, pk, user_pk):
    facility = get_visible(Facility.objects, request.user, pk=pk)
    link = get_object_or_404(facility.staff.select_related("user"), user_id=user_pk)
    actions.unlink_staff(actor=request.user, user=link.user, facility=facility)
    messages.success(
        request,
        _("%(user)s tidak lagi menjawab rujukan ke %(facility)s.")
        % {"user": link.user.username, "facility": facility.name},
    )
    return redirect("counseling:facility_detail", pk)
