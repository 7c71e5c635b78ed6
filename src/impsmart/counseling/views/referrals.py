"""Referrals: send (cadre), answer (the facility's mitra), confirm (cadre), print the slip.

Reads go through ``Referral.objects.visible_to``: field staff see referrals of families in their
scope, a mitra only those sent to its facility (404 for any other).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, paper, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.counseling import actions, facilities, mec, mec_readable
from impsmart.counseling.forms import AnswerForm, ConfirmReferralForm, ReferralForm
from impsmart.counseling.mec_readable import PROGRAMME_METHOD
from impsmart.counseling.models import Counseling, Referral
from impsmart.counseling.views.sessions import client_context
from impsmart.dates import age_on
from impsmart.families.models import Member
from impsmart.forms_submit import ConfirmationRequired, submit
from impsmart.regions.models import Region

STATUS_FILTERS = {
    "baru": Referral.Status.SENT,
    "dilayani": Referral.Status.SERVED,
    "tidak": Referral.Status.NOT_SERVED,
}


def _visible_referral(request, pk) -> Referral:
    related = Referral.objects.select_related(
        "member__family", "facility", "created_by", "counseling"
    )
    return get_visible(related, request.user, pk=pk)


@permission_required(actions.PERMISSION)
def refer(request, member_pk):
    member = get_visible(Member.objects.select_related("family"), request.user, pk=member_pk)
    counseling = None
    counseling_pk = params.integer(request.GET, "konseling", 0, minimum=1)
    if counseling_pk:
        counseling = get_visible(
            Counseling.objects.filter(member=member), request.user, pk=counseling_pk
        )
    method = params.text(request.GET, "metode")
    wanted = PROGRAMME_METHOD.get(method, method)
    form = ReferralForm(
        request.POST or None,
        facilities=facilities.referral_choices(request.user),
        initial={"method_wanted": wanted},
    )
    if request.method == "POST" and form.is_valid():
        referral = submit(
            form,
            actions.create_referral,
            actor=request.user,
            member=member,
            counseling=counseling,
            **form.cleaned_data,
        )
        if referral is not None:
            messages.success(request, _("Rujukan terkirim. Cetak atau bagikan surat rujukannya."))
            return redirect("counseling:referral_detail", referral.pk)
    context = {
        "form": form,
        "counseling": counseling,
        **client_context(member, dates.today()),
    }
    return render(request, "counseling/referral_form.html", context)


@login_required
def referral_list(request):
    referrals = Referral.objects.visible_to(request.user).select_related(
        "member__family", "facility"
    )
    status = params.choice(request.GET, "status", "", STATUS_FILTERS)
    if status:
        referrals = referrals.filter(status=STATUS_FILTERS[status])
    context = {
        "referrals": referrals[:200],
        "status": status,
        "facility": facilities.facility_of(request.user),
    }
    return render(request, "counseling/referral_list.html", context)


def _detail_context(request, referral: Referral) -> dict:
    user = request.user
    return {
        "referral": referral,
        "member": referral.member,
        "age": _age(referral),
        "may_answer": facilities.is_staff_of(user, referral.facility) and not referral.confirmed_on,
        "may_confirm": user.may(actions.PERMISSION) and referral.awaits_confirmation,
        # What the cadre screened travels with the referral, so the bidan sees it too.
        "screening": mec_readable.screening(referral.counseling.result)
        if referral.counseling
        else None,
        "attribution": mec.ATTRIBUTION,
    }


def _age(referral: Referral) -> int:
    return age_on(referral.member.birth_date, referral.sent_on)


@login_required
def referral_detail(request, pk):
    referral = _visible_referral(request, pk)
    context = _detail_context(request, referral)
    context["confirm_form"] = ConfirmReferralForm()
    return render(request, "counseling/referral_detail.html", context)


@login_required
def referral_slip(request, pk):
    referral = _visible_referral(request, pk)
    return render(request, "counseling/referral_slip.html", _detail_context(request, referral))


@login_required
def referral_slip_pdf(request, pk):
    """The slip as an A4 PDF, on the shared paper layout (``impsmart.paper``)."""
    referral = _visible_referral(request, pk)
    context = _detail_context(request, referral)
    region = Region.objects.filter(code=referral.member.family.region_code).first()
    context["place"] = paper.place(region) if region else ""
    context["signing_date"] = paper.long_date(referral.sent_on)
    response = HttpResponse(
        paper.render_pdf("counseling/referral_slip_pdf.html", context),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="surat-rujukan-{referral.pk}.pdf"'
    return response


@login_required
def referral_answer(request, pk):
    referral = _visible_referral(request, pk)
    if not facilities.is_staff_of(request.user, referral.facility):
        raise PermissionDenied
    initial = {"served": "1", "method": referral.method_wanted, "jalur": "pemerintah"}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answered = submit(
            form,
            actions.answer_referral,
            actor=request.user,
            referral=referral,
            **form.cleaned_data,
        )
        if answered is not None:
            messages.success(request, _("Jawaban rujukan tersimpan."))
            return redirect("counseling:referral_list")
    context = {"form": form, **_detail_context(request, referral)}
    return render(request, "counseling/referral_answer.html", context)


@require_POST
@permission_required(actions.PERMISSION)
def referral_confirm(request, pk):
    """Confirming a served referral writes the KB episode into the register."""
    referral = _visible_referral(request, pk)
    form = ConfirmReferralForm(request.POST)
    form.is_valid()
    confirmed = form.cleaned_data.get("confirmed", False)
    try:
        actions.confirm_referral(actor=request.user, referral=referral, confirmed=confirmed)
    except ConfirmationRequired as error:
        form.add_error(None, error.messages)
        form.needs_confirmation = True
    except ValidationError as error:  # the register refused: show why, nothing changed
        form.add_error(None, error.messages)
    else:
        messages.success(request, _("Terkonfirmasi: metode KB tercatat di register."))
        return redirect("counseling:referral_detail", referral.pk)
    context = {**_detail_context(request, referral), "confirm_form": form}
    return render(request, "counseling/referral_detail.html", context, status=400)
