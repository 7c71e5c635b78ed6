"""The JSON API (/api/v1/): typed schemas over the same scope mechanism as the pages."""

from django.contrib.auth import authenticate
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from impsmart.accounts.models import ApiToken
from impsmart.api.auth import BearerToken, refuse_until_password_changed
from impsmart.api.families import router as families_router
from impsmart.api.regions import router as regions_router
from impsmart.plaintext import has_control, message

api = NinjaAPI(
    title="IMP Smart API",
    version="1",
    description="Data Kader IMP Smart. Semua data dibatasi wilayah kerja pengguna.",
    auth=BearerToken(),
    urls_namespace="api",
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


api.add_router("/regions", regions_router)
api.add_router("/families", families_router)
