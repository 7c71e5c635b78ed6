"""Forms for signing in and for managing accounts inside one's scope."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.models import User
from impsmart.accounts.roles import GRANTABLE, SCOPE_LEVEL, Role
from impsmart.accounts.scope import code_within
from impsmart.plaintext import PlainTextForm
from impsmart.regions.models import Region


class LoginForm(PlainTextForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Periksa lalu coba lagi."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin wilayah Anda."),
    }


class UserForm(PlainTextForm, forms.Form):
    username = forms.SlugField(label=_("Nama pengguna"), max_length=150)
    first_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("Peran"))
    region_codes = forms.CharField(
        label=_("Kode wilayah"),
        help_text=_("Satu kode; untuk PKB/PLKB beberapa kode desa dipisah koma."),
    )
    password = forms.CharField(
        label=_("Kata sandi"), widget=forms.PasswordInput, required=False, strip=False
    )

    def __init__(self, *args, actor: User, instance: User | None = None, **kwargs):
        self.actor, self.instance = actor, instance
        super().__init__(*args, **kwargs)
        grantable = GRANTABLE.get(actor.role, set())
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in grantable]
        if instance is None:
            self.fields["password"].required = True
        else:
            self.fields["username"].disabled = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        taken = User.objects.filter(username=username)
        if self.instance is None and taken.exists():
            raise forms.ValidationError(_("Nama pengguna ini sudah dipakai. Pilih nama lain."))
        return username

    def clean_region_codes(self):
        codes = [c.strip() for c in self.cleaned_data["region_codes"].split(",") if c.strip()]
        if not codes:
            raise forms.ValidationError(_("Isi minimal satu kode wilayah."))
        found = Region.objects.in_bulk(codes)
        for code in codes:
            if code not in found:
                raise forms.ValidationError(
                    _("Kode wilayah %(code)s tidak ditemukan. Contoh: 73.06.01.2001."),
                    params={"code": code},
                )
            if not any(code_within(code, c) for c in self.actor.scope_codes):
                raise forms.ValidationError(
                    _("Wilayah %(code)s di luar wilayah kerja Anda."), params={"code": code}
                )
        self.regions = [found[c] for c in codes]
        return codes

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            validate_password(password)
        return password

    def clean(self):
        cleaned = super().clean()
        role, regions = cleaned.get("role"), getattr(self, "regions", None)
        if not role or not regions:
            return cleaned
        level = SCOPE_LEVEL[Role(role)]
        wrong = [r.code for r in regions if r.level != level]
        if wrong:
            self.add_error(
                "region_codes",
                _(
                    "Peran %(role)s bertugas di tingkat %(level)s; "
                    "%(codes)s bukan wilayah tingkat itu."
                )
                % {"role": Role(role).label, "level": level, "codes": ", ".join(wrong)},
            )
        if len(regions) > 1 and role != Role.PKB:
            self.add_error("region_codes", _("Hanya PKB/PLKB yang boleh memegang beberapa desa."))
        return cleaned
