"""The SK cycle: the draft decree for a year and a kabupaten or kecamatan (docx, PDF), the
signed decree recorded with its scanned file, and the file served back inside scope.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.forms_submit import submit
from impsmart.organization import actions, decree, uploads
from impsmart.organization.forms import DecreeDraftForm, DecreeRecordForm
from impsmart.organization.models import Decree
from impsmart.regions.models import Region

READ = "view_institutions"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _default_region(user) -> str:
    return user.region_code


@permission_required(READ)
def decree_list(request):
    found = Decree.objects.visible_to(request.user)
    initial = {"region_code": _default_region(request.user), "year": dates.today().year + 1}
    context = {
        "decrees": found.order_by("-effective_on", "-pk"),
        "draft_form": DecreeDraftForm(user=request.user, initial=initial)
        if request.user.may(actions.DECREES)
        else None,
    }
    return render(request, "organization/decree_list.html", context)


@permission_required(actions.DECREES)
def decree_draft(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    region = get_visible(
        Region.objects.filter(level__in=actions.DECREE_LEVELS),
        request.user,
        code=params.region_code(request.GET, "wilayah", request.user.region_code),
    )
    year = params.integer(request.GET, "tahun", dates.today().year + 1, minimum=2000, maximum=2100)
    text = decree.draft(region, year)
    data = decree.to_docx(text) if fmt == "docx" else decree.to_pdf(text)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = f"rancangan-sk-imp-{region.code}-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(actions.DECREES)
def decree_record(request):
    initial = {"region_code": request.user.region_code, "year": dates.today().year + 1}
    form = DecreeRecordForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(form, actions.record_decree, actor=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(
                request,
                _("SK %(number)s tercatat; kepengurusan dalam lampirannya resmi sejak %(day)s.")
                % {"number": saved.number, "day": f"{saved.effective_on:%d-%m-%Y}"},
            )
            return redirect("organization:decree_detail", saved.pk)
    return render(request, "organization/decree_form.html", {"form": form})


@permission_required(READ)
def decree_detail(request, pk):
    found = get_visible(Decree.objects, request.user, pk=pk)
    return render(request, "organization/decree_detail.html", {"decree": found})


@permission_required(READ)
def decree_file(request, pk):
    found = get_visible(Decree.objects, request.user, pk=pk)
    if not found.file_path:
        raise Http404
    try:
        data = uploads.read(found.file_path, found.file_sha256)
    except (OSError, ValueError) as error:
        raise Http404(_("Berkas pindaian SK hilang atau rusak; pulihkan dari cadangan.")) from error
    response = HttpResponse(data, content_type=found.file_type)
    extension = found.file_path.rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="sk-{found.pk}.{extension}"'
    return response
