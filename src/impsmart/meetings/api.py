"""``GET /api/v1/meetings?region=CODE&month=YYYY-MM``: the meetings of a region and month."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from impsmart import dates, params
from impsmart.accounts.scope import get_visible, user_scope_codes
from impsmart.meetings import summary
from impsmart.meetings.models import Meeting
from impsmart.regions.models import Region

router = Router(tags=["meetings"])


class MeetingItem(Schema):
    id: int
    institution: str
    date: str
    attendance: int
    actions_opened: int
    actions_closed: int


@router.get("", response=list[MeetingItem])
def list_meetings(
    request,
    region: str | None = Query(None, pattern=params.REGION_CODE.pattern),
    month: str | None = Query(None, max_length=7),
):
    """Meetings in ``region`` (default: the caller's scope) during ``month`` (default: this
    month); 404 outside scope or for roles without personal data."""
    user = request.auth
    if not user.may("view_personal"):
        raise Http404
    try:
        day = dates.parse_month(month) if month else dates.today()
    except ValueError:
        message = _("Parameter 'month' tidak sah: tulis TTTT-BB, mis. 2026-10.")
        return JsonResponse({"message": message, "parameter": "month"}, status=422)
    codes = [get_visible(Region.objects, user, code=region).code] if region else []
    meetings = Meeting.objects.visible_to(user)
    rows = []
    for code in codes or user_scope_codes(user):
        rows += summary.month_rows(meetings, code, day)
    return rows
