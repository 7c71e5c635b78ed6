"""The rumah baca of each kecamatan: list, and its page (catalogue, loans, monthly visits)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.forms_submit import submit
from impsmart.training import actions
from impsmart.training.forms import HouseForm, LoanForm, ReturnForm, TitleForm, VisitForm
from impsmart.training.models import Loan, ReadingHouse, Title


@permission_required("view_aggregates")
def house_list(request):
    manage = request.user.may(actions.MANAGE_HOUSE)
    form = HouseForm(request.POST or None, user=request.user) if manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            house = submit(form, actions.create_house, actor=request.user, **form.cleaned_data)
            if house is not None:
                messages.success(request, _("Rumah baca tersimpan."))
                return redirect("training:house", house.pk)
    houses = ReadingHouse.objects.visible_to(request.user).prefetch_related("titles")
    return render(request, "training/house_list.html", {"houses": houses, "form": form})


# The forms of the house page, by the value of its submit button ("do").
FORMS = {"title": TitleForm, "loan": LoanForm, "return": ReturnForm, "visits": VisitForm}


def _forms(request, house: ReadingHouse) -> dict:
    do = params.choice(request.POST, "do", "", FORMS)
    forms = {}
    for name, form_class in FORMS.items():
        data = request.POST if do == name else None
        forms[name] = form_class(data, house=house) if form_class is LoanForm else form_class(data)
    return forms


def _write(request, house: ReadingHouse, do: str, form) -> object | None:
    actor, data = request.user, form.cleaned_data
    if do == "title":
        return submit(form, actions.add_title, actor=actor, house=house, **data)
    if do == "loan":
        title = get_visible(Title.objects.filter(house=house), actor, pk=data.pop("title"))
        return submit(form, actions.lend, actor=actor, title=title, **data)
    if do == "return":
        loan = get_visible(Loan.objects.filter(title__house=house), actor, pk=data["loan"])
        return submit(
            form, actions.return_loan, actor=actor, loan=loan, returned_on=data["returned_on"]
        )
    return submit(form, actions.record_visits, actor=actor, house=house, **data)


@permission_required("view_aggregates")
def house_detail(request, pk):
    house = get_visible(ReadingHouse.objects, request.user, pk=pk)
    manage = request.user.may(actions.MANAGE_HOUSE)
    forms = _forms(request, house) if manage else {}
    if request.method == "POST":
        do = params.choice(request.POST, "do", "", FORMS)
        if do not in forms:
            raise Http404
        if forms[do].is_valid() and _write(request, house, do, forms[do]) is not None:
            messages.success(request, _("Tersimpan."))
            return redirect("training:house", house.pk)
    loans = Loan.objects.visible_to(request.user).filter(title__house=house).select_related("title")
    context = {
        "house": house,
        "titles": house.titles.all(),
        "loans": loans[:100],
        "visits": house.visit_months.all()[:12],
        "forms": forms,
        "today": dates.today(),
    }
    return render(request, "training/house_detail.html", context)
