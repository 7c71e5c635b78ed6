"""The JSON API (/api/v1/): typed schemas over the same scope mechanism as the pages.

Sign-in lives here; the data routers come from the apps (``AppConfig.api_routers``).
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import field_validator

from impsmart import plugins
from impsmart.accounts.models import ApiToken
from impsmart.api.auth import BearerToken, refuse_until_password_changed
from impsmart.plaintext import has_control, message

api = NinjaAPI(
    title="IMP Smart API",
    version="1",
    description="Data Kader IMP Smart. Semua data dibatasi wilayah kerja pengguna.",
    auth=BearerToken(),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    """422 with django-ninja's detail and a line in Indonesian naming the parameters to fix."""
    names = ", ".join(sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")}))
    message = _("Parameter tidak sah: %(names)s. Lihat 'detail' untuk bentuk yang diterima.")
    return api.create_response(
        request, {"message": message % {"names": names}, "detail": exc.errors}, status=422
    )


class Credentials(Schema):
    username: str
    password: str

    @field_validator("username", "password")
    @classmethod
    def plain_text(cls, value: str, info) -> str:
        if has_control(value):
            raise ValueError(message(info.field_name))
        return value


class TokenOut(Schema):
    token: str


class Me(Schema):
    username: str
    role: str
    region_code: str
    scope_codes: list[str]


@api.post("/auth/token", auth=None, response=TokenOut, tags=["auth"])
def issue_token(request, credentials: Credentials):
    """Exchange a username and password for a bearer token (valid IMPSMART_API_TOKEN_DAYS).

    Five wrong passwords lock the username for an hour: 429 with a JSON ``detail``."""
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        raise HttpError(401, "Nama pengguna atau kata sandi salah.")
    refuse_until_password_changed(user)
    return {"token": ApiToken.issue(user)}


@api.get("/me", response=Me, tags=["auth"])
def me(request):
    return request.auth


# Each app's router (``AppConfig.api_routers``), imported by ninja from its dotted path.
for prefix, router in plugins.api_routers():
    api.add_router(prefix, router)
