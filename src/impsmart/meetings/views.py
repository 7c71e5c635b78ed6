"""Pages of routine meetings: overview, an institution's meetings, one meeting (agenda,
attendance, minutes, actions), its invitation and its pack; and the home block."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import get_visible, user_scope_codes
from impsmart.forms_submit import submit
from impsmart.meetings import actions, agenda, meeting_paper, pack
from impsmart.meetings.forms import (
    ActionForm,
    AddendumForm,
    AttendanceForm,
    CloseActionForm,
    MeetingForm,
    MinutesForm,
)
from impsmart.meetings.models import Action, Meeting
from impsmart.organization.models import Institution, Level
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

READ = "view_personal"
# Below a desa the overview lists the dusun bodies too; above it, desa and higher bodies only.
UPPER_LEVELS = [Level.PPKBD, Level.KECAMATAN, Level.KABUPATEN, Level.FORUM]
OVERVIEW_ROLES = {Role.PKB, Role.KOORDINATOR_KECAMATAN}


def overview(user: Any, region_code: str, levels: list[str] | None = None) -> Any:
    """Institutions in ``region_code`` with last held meeting, next meeting, open actions."""
    today = dates.today()
    meetings = Meeting.objects.filter(institution=OuterRef("pk")).order_by()
    last = meetings.filter(date__lte=today, finalised_at__isnull=False).order_by("-date")
    upcoming = meetings.filter(date__gte=today, finalised_at__isnull=True).order_by("date")
    open_actions = (
        Action.objects.filter(institution=OuterRef("pk"), closed_on__isnull=True)
        .order_by()
        .values("institution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = Institution.objects.visible_to(user).within(region_code).filter(active=True)
    if levels:
        found = found.filter(level__in=levels)
    return found.annotate(
        last_date=Subquery(last.values("date")[:1]),
        next_date=Subquery(upcoming.values("date")[:1]),
        open_actions=Subquery(open_actions),
    ).order_by("region_code", "level")


@permission_required(READ)
def index(request):
    regions = Region.objects.visible_to(request.user)
    code = params.region_code(request.GET, "wilayah", user_scope_codes(request.user)[0])
    region = get_visible(regions, request.user, code=code)
    above_desa = region.level in {RegionLevel.KABUPATEN, RegionLevel.KECAMATAN}
    rows = overview(request.user, region.code, UPPER_LEVELS if above_desa else None)
    context = {
        "region": region,
        "rows": rows,
        "own_regions": regions.filter(code__in=request.user.scope_codes),
    }
    return render(request, "meetings/index.html", context)


def _institution_page(request, found: Institution, form: MeetingForm):
    meetings = Meeting.objects.visible_to(request.user).filter(institution=found)
    context = {
        "institution": found,
        "meetings": meetings.annotate(people=Count("attendance"))[:36],
        "open_actions": agenda.reviewed_actions(found)
        .visible_to(request.user)
        .open()
        .select_related("institution"),
        "form": form,
        "may_write": request.user.may(actions.PERMISSION),
    }
    return render(request, "meetings/institution.html", context)


@permission_required(READ)
def institution(request, pk):
    found = get_visible(Institution.objects, request.user, pk=pk)
    return _institution_page(request, found, MeetingForm(initial={"date": dates.today()}))


@require_POST
@permission_required(actions.PERMISSION)
def schedule(request, pk):
    found = get_visible(Institution.objects, request.user, pk=pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        meeting = submit(
            form, actions.schedule_meeting, actor=request.user, institution=found, **data
        )
        if meeting is not None:
            messages.success(request, _("Pertemuan dijadwalkan."))
            return redirect("meetings:detail", meeting.pk)
    return _institution_page(request, found, form)


@require_POST
@permission_required(actions.PERMISSION)
def schedule_next(request, pk):
    found = get_visible(Institution.objects, request.user, pk=pk)
    form = MeetingForm()
    meeting = submit(form, actions.schedule_next, actor=request.user, institution=found)
    if meeting is None:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("meetings:institution", found.pk)
    messages.success(request, _("Pertemuan bulan berikutnya dijadwalkan."))
    return redirect("meetings:detail", meeting.pk)


def _meeting(request, pk) -> Meeting:
    return get_visible(Meeting.objects.select_related("institution"), request.user, pk=pk)


def _detail(request, meeting: Meeting, status: int = 200, **forms: Any):
    actor = request.user
    failed = forms.get("close")  # (action pk, the refused form)
    carried = [
        (a, failed[1].errors.get("result", []) if failed and failed[0] == a.pk else [])
        for a in agenda.carried_actions(meeting).visible_to(actor)
    ]
    refused = [form for form in forms.values() if hasattr(form, "errors")]
    context = {
        # A refusal may concern a section the page no longer offers (a final or future meeting).
        "refusals": [m for form in refused for ms in form.errors.values() for m in ms],
        **agenda.record(meeting, carried),
        "held": meeting.date <= dates.today(),
        "may_write": actor.may(actions.PERMISSION),
        "attendance_form": forms.get("attendance") or AttendanceForm(actor=actor),
        "minutes_form": forms.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes}),
        "action_form": forms.get("action") or ActionForm(actor=actor),
        "addendum_form": forms.get("addendum") or AddendumForm(),
        "meeting_form": forms.get("meeting")
        or MeetingForm(
            initial={
                "date": meeting.date,
                "time": meeting.time,
                "place": meeting.place,
                "agenda": meeting.agenda,
            }
        ),
    }
    return render(request, "meetings/detail.html", context, status=status)


@permission_required(READ)
def detail(request, pk):
    """The meeting's page; with ``?format=pdf`` its minutes on paper (notulen, to sign)."""
    meeting = _meeting(request, pk)
    if params.choice(request.GET, "format", "html", ["html", "pdf"]) == "pdf":
        carried = agenda.carried_actions(meeting).visible_to(request.user)
        data = meeting_paper.minutes_pdf(meeting, carried)
        return _pdf(data, f"notulen-{meeting.date:%Y-%m-%d}-{meeting.pk}")
    return _detail(request, meeting)


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _post(request, pk, key: str, form: Any, write, done: str, **extra: Any):
    """Run ``write`` for a valid ``form``; back to the meeting, or its page with the errors."""
    meeting = _meeting(request, pk)
    if form.is_valid():
        data = {**form.cleaned_data, **extra}
        if submit(form, write, actor=request.user, meeting=meeting, **data) is not None:
            messages.success(request, done)
            return redirect("meetings:detail", meeting.pk)
    return _detail(request, meeting, **{key: form})


@require_POST
@permission_required(actions.PERMISSION)
def edit(request, pk):
    form = MeetingForm(request.POST)
    return _post(request, pk, "meeting", form, actions.update_meeting, _("Jadwal tersimpan."))


@require_POST
@permission_required(actions.PERMISSION)
def attend(request, pk):
    form = AttendanceForm(request.POST, actor=request.user)
    return _post(request, pk, "attendance", form, actions.add_attendance, _("Kehadiran dicatat."))


@require_POST
@permission_required(actions.PERMISSION)
def minutes(request, pk):
    form = MinutesForm(request.POST)
    return _post(request, pk, "minutes", form, actions.save_minutes, _("Notulen tersimpan."))


@require_POST
@permission_required(actions.PERMISSION)
def addendum(request, pk):
    form = AddendumForm(request.POST)
    return _post(request, pk, "addendum", form, actions.add_addendum, _("Adendum dicatat."))


@require_POST
@permission_required(actions.PERMISSION)
def action_add(request, pk):
    form = ActionForm(request.POST, actor=request.user)
    done = _("Tindak lanjut dicatat.")
    return _post(request, pk, "action", form, actions.raise_action, done)


@require_POST
@permission_required(actions.PERMISSION)
def action_close(request, pk, action_pk):
    """Close a carried action at this meeting, with its result."""
    meeting = _meeting(request, pk)
    item = get_visible(Action.objects, request.user, pk=action_pk)
    form = CloseActionForm(request.POST)
    if form.is_valid():
        closed = submit(
            form,
            actions.close_action,
            actor=request.user,
            action_item=item,
            meeting=meeting,
            result=form.cleaned_data["result"],
        )
        if closed is not None:
            messages.success(request, _("Tindak lanjut ditutup."))
            return redirect("meetings:detail", meeting.pk)
    return _detail(request, meeting, close=(item.pk, form))


@permission_required(READ)
def invitation(request, pk):
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "text": agenda.invitation_text(meeting),
        "day": agenda.long_date(meeting.date),
        "review_item": agenda.REVIEW_ITEM,
        "carried": agenda.carried_actions(meeting).visible_to(request.user),
    }
    return render(request, "meetings/invitation.html", context)


@permission_required(READ)
def pack_page(request, pk):
    meeting = _meeting(request, pk)
    month = params.month(request.GET, "bulan", pack.default_month(meeting.date))
    kind = params.choice(request.GET, "format", "html", ["html", "pdf"])
    built = pack.build(meeting.institution, month, request.user)
    carried = agenda.carried_actions(meeting).visible_to(request.user)
    if kind == "pdf":
        data = meeting_paper.pack_pdf(meeting, built, carried)
        return _pdf(data, f"bahan-pertemuan-{meeting.date:%Y-%m-%d}-{meeting.pk}")
    context = {"meeting": meeting, "pack": built, "carried": carried}
    return render(request, "meetings/pack.html", context)


def home_block(user: Any) -> dict:
    """The cadre's next meeting and open actions; the PKB's desa binaan overview."""
    today = dates.today()
    own = Institution.objects.visible_to(user).filter(region_code__in=user.scope_codes)
    next_meeting = (
        Meeting.objects.visible_to(user)
        .filter(institution__in=own, date__gte=today, finalised_at__isnull=True)
        .select_related("institution")
        .order_by("date")
        .first()
    )
    mine = (
        Action.objects.visible_to(user)
        .open()
        .filter(Q(owner_user=user) | Q(owner_user__isnull=True, institution__in=own))
    )
    rows = []
    if user.role in OVERVIEW_ROLES:
        for code in user.scope_codes:
            rows += list(overview(user, code, [Level.PPKBD]))
    return {
        "next_meeting": next_meeting,
        "my_actions": mine.select_related("institution")[:10],
        "overview_rows": rows,
        "today": today,
    }
