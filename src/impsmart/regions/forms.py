from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.plaintext import PlainTextForm


class LocalRegionForm(PlainTextForm, forms.Form):
    """The name of a new dusun/lingkungan, RW or RT (its length and duplicates are the
    action's rules: ``add_local_region``)."""

    name = forms.CharField(label=_("Nama"), required=False)
