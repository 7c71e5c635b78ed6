"""Import pages: upload an existing register (xlsx/csv) and download its template."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render

from impsmart import params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.families import importer, importer_template
from impsmart.families.actions import FAMILY_LEVELS
from impsmart.plaintext import PlainTextForm
from impsmart.regions.models import Region

MAX_BYTES = 10 * 1024 * 1024
TEMPLATE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ImportForm(PlainTextForm, forms.Form):
    region = forms.CharField(label="Wilayah (kode)", max_length=40)
    file = forms.FileField(label="Berkas register (.xlsx atau .csv)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("Berkas lebih dari 10 MB; bagi per desa atau dusun.")
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Unggah berkas .xlsx atau .csv (unduh templatnya).")
        return upload


def _regions(user):
    """The places a user may import into: their own scope codes (desa or below)."""
    return Region.objects.visible_to(user).filter(code__in=user.scope_codes).order_by("code")


@permission_required("edit_register")
def upload(request):
    regions = _regions(request.user)
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        region = get_visible(Region.objects, request.user, code=form.cleaned_data["region"])
        upload = form.cleaned_data["file"]
        result = importer.import_file(
            actor=request.user, region_code=region.code, filename=upload.name, content=upload.read()
        )
    context = {"form": form, "regions": regions, "result": result}
    return render(
        request, "families/import.html", context, status=400 if result and result.errors else 200
    )


@permission_required("edit_register")
def template(request, ext):
    """The template file, with example rows in the user's first place (or ``?region=``)."""
    if ext not in TEMPLATE_TYPES:
        raise Http404
    code = params.region_code(request.GET, "region", request.user.scope_codes[0])
    region = get_visible(Region.objects, request.user, code=code)
    example = region
    if region.level not in FAMILY_LEVELS:
        example = (
            Region.objects.visible_to(request.user)
            .filter(code__startswith=f"{region.code}.", level__in=FAMILY_LEVELS)
            .order_by("code")
            .first()
            or region
        )
    builder = importer_template.template_xlsx if ext == "xlsx" else importer_template.template_csv
    response = HttpResponse(builder(example.code), content_type=TEMPLATE_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="templat-register-{region.code}.{ext}"'
    return response
