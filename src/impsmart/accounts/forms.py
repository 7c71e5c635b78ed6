"""Forms for signing in and for managing accounts inside one's scope."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
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


class OwnPasswordForm(PlainTextForm, PasswordChangeForm):
    """Old password once, the new one twice; the new one must differ from the old."""

    error_messages = {
        "password_incorrect": _("Kata sandi lama salah. Ketik lagi kata sandi Anda saat ini."),
        "password_mismatch": _("Kedua kata sandi baru tidak sama. Ketik ulang dengan teliti."),
        "password_unchanged": _("Kata sandi baru sama dengan yang lama. Pilih kata sandi lain."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Kata sandi baru (ulangi)")

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password1")
        if password and password == cleaned.get("old_password"):
            self.add_error(
                "new_password1",
                forms.ValidationError(
                    self.error_messages["password_unchanged"], code="password_unchanged"
                ),
            )
        return cleaned


class UserForm(PlainTextForm, forms.Form):
    # Django's username rule (letters, digits and @ . + - _), as the model and the demo use.
    username = forms.CharField(
        label=_("Nama pengguna"), max_length=150, validators=[User.username_validator]
    )
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

    def clean(self):
        cleaned = super().clean()
        self._validate_password(cleaned)
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

    def _validate_password(self, cleaned: dict) -> None:
        """The password rules, including "not like the username or the name" (so in clean)."""
        password = cleaned.get("password")
        if not password:
            return
        person = User(
            username=cleaned.get("username", ""), first_name=cleaned.get("first_name", "")
        )
        try:
            validate_password(password, person)
        except forms.ValidationError as error:
            self.add_error("password", error)
