"""The JSON API (/api/v1/): typed schemas over the same scope mechanism as the pages.

Sign-in lives here; the data routers come from the apps (``AppConfig.api_routers``).
"""

from django.contrib.auth import authenticate
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError

from impsmart import plugins
from impsmart.accounts.models import ApiToken
from impsmart.api.auth import BearerToken

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


class TokenOut(Schema):
    token: str


class Me(Schema):
    username: str
    role: str
    region_code: str
    scope_codes: list[str]


@api.post("/auth/token", auth=None, response=TokenOut, tags=["auth"])
def issue_token(request, credentials: Credentials):
    """Exchange a username and password for a bearer token."""
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        raise HttpError(401, "Nama pengguna atau kata sandi salah.")
    return {"token": ApiToken.issue(user)}


@api.get("/me", response=Me, tags=["auth"])
def me(request):
    return request.auth


# Each app's router (``AppConfig.api_routers``), imported by ninja from its dotted path.
for prefix, router in plugins.api_routers():
    api.add_router(prefix, router)
