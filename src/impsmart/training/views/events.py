"""Workshops: create, the facilitator's page (participants, tests, gain, certificates), the
test form on the participant's phone or from paper, the certificate PDF and its public check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from impsmart import paper, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.forms_submit import submit
from impsmart.regions.models import Region
from impsmart.training import actions, book, scoring
from impsmart.training.forms import EventForm, ParticipantForm, TestForm
from impsmart.training.models import Certificate, Event, Participant, Phase

# The facilitator's buttons on the event page (the "do" value of each).
EVENT_ACTIONS = [
    "add", "open_pre", "close_pre", "open_post", "close_post", "present", "absent", "certificates",
]  # fmt: skip


@permission_required(actions.MANAGE)
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = submit(form, actions.create_event, actor=request.user, **form.cleaned_data)
        if event is not None:
            messages.success(request, _("Kegiatan tersimpan. Tambahkan pesertanya."))
            return redirect("training:event", event.pk)
    return render(request, "training/event_form.html", {"form": form})


def _event_context(request, event: Event, form: ParticipantForm) -> dict:
    participants = list(
        Participant.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("user", "certificate")
        .prefetch_related("attempts")
    )
    rows = scoring.participant_rows(participants)
    titles = book.titles()
    summary = scoring.summary(rows)
    return {
        "event": event,
        "form": form,
        "rows": rows,
        "summary": summary,
        "modules": [(m, titles.get(m, m), summary["modules"].get(m)) for m in event.modules],
        "manage": request.user.may(actions.MANAGE),
    }


@permission_required(actions.MANAGE)
def event_detail(request, pk):
    event = get_visible(Event.objects, request.user, pk=pk)
    do = params.choice(request.POST, "do", "", EVENT_ACTIONS)
    form = ParticipantForm(request.POST if do == "add" else None)
    if request.method == "POST":
        done = _event_action(request, event, do, form)
        if done:
            messages.success(request, done)
            return redirect("training:event", event.pk)
    return render(request, "training/event_detail.html", _event_context(request, event, form))


def _event_action(request, event: Event, do: str, form: ParticipantForm) -> str | None:
    """One of the facilitator's buttons; the message to show, or None (errors on the form)."""
    actor = request.user
    if do == "add":
        if form.is_valid() and submit(
            form, actions.add_participant, actor=actor, event=event, **form.cleaned_data
        ):
            return _("Peserta ditambahkan.")
        return None
    if do in ("open_pre", "close_pre", "open_post", "close_post"):
        state, phase = do.split("_")
        actions.set_test_open(actor=actor, event=event, phase=phase, is_open=state == "open")
        return _("%(test)s sekarang %(state)s.") % {
            "test": Phase(phase).label,
            "state": _("dibuka") if state == "open" else _("ditutup"),
        }
    if do in ("present", "absent"):
        participant = get_visible(
            Participant.objects.filter(event=event),
            actor,
            pk=params.integer(request.POST, "participant", 0),
        )
        actions.set_attendance(actor=actor, participant=participant, attended=do == "present")
        return _("Kehadiran %(name)s tersimpan.") % {"name": participant.name}
    if do == "certificates":
        issued = actions.issue_certificates(actor=actor, event=event)
        return _("%(n)d sertifikat diterbitkan.") % {"n": len(issued)}
    raise Http404


def _participant_for(request, pk) -> Participant:
    """Her own enrolment, or one in the facilitator's scope (paper tests, certificates)."""
    own = Participant.objects.filter(pk=pk, user=request.user).select_related("event").first()
    if own is not None:
        return own
    if not request.user.may(actions.MANAGE):
        raise Http404
    return get_visible(Participant.objects.select_related("event"), request.user, pk=pk)


@login_required
def attempt(request, pk, phase):
    participant = _participant_for(request, pk)
    if phase not in Phase.values:
        raise Http404
    event = participant.event
    bank = book.questions()
    form = TestForm(request.POST or None, questions=[bank[q] for q in event.questions])
    done = participant.attempts.filter(phase=phase).first()
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.submit_attempt,
            actor=request.user,
            participant=participant,
            phase=phase,
            answers=form.answers(),
        )
        if saved is not None:
            messages.success(
                request,
                _("Jawaban tersimpan: %(c)d dari %(t)d benar.")
                % {"c": saved.correct, "t": saved.total},
            )
            if participant.user_id == request.user.pk:
                return redirect("training:index")
            return redirect("training:event", event.pk)
    context = {
        "participant": participant,
        "event": event,
        "phase": Phase(phase),
        "form": form,
        "done": done,
        "is_open": event.is_open(phase),
        "on_paper": participant.user_id != request.user.pk,
    }
    return render(request, "training/attempt_form.html", context)


@login_required
def certificate_pdf(request, pk):
    """The certificate on A4 landscape (``impsmart.paper``), signed by the event's organiser."""
    participant = _participant_for(request, pk)
    certificate = get_object_or_404(Certificate, participant=participant)
    event = participant.event
    verify = request.build_absolute_uri(reverse("certificate_verify", args=[certificate.code]))
    region = Region.objects.filter(code=event.region_code).first()
    when = paper.long_date(event.starts_on)
    if event.ends_on != event.starts_on:
        when = f"{when} s.d. {paper.long_date(event.ends_on)}"
    organiser = event.created_by
    context = {
        "certificate": certificate,
        "participant": participant,
        "event": event,
        "verify": verify,
        "where": f"{event.place}, {paper.place(region)}" if region else event.place,
        "when": when,
        "signer": paper.Signer(
            _("Penyelenggara"),
            organiser.get_full_name() or organiser.username,
            organiser.get_role_display(),
        ),
        "place_date": f"{region.name if region else event.place}, "
        f"{paper.long_date(certificate.issued_on)}",
    }
    data = paper.render_pdf("training/certificate_pdf.html", context, landscape=True)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{certificate.code}.pdf"'
    return response


def verify(request, code):
    """Public: a certificate's holder, event and date, and nothing else."""
    certificate = (
        Certificate.objects.filter(code=code.strip().upper())
        .select_related("participant__user", "participant__event")
        .first()
    )
    status = 200 if certificate else 404
    return render(
        request, "training/verify.html", {"certificate": certificate, "code": code}, status=status
    )
