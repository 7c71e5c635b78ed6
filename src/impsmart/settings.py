"""Settings for IMP Smart: one module, configured by a few environment variables."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# The project checkout when installed from it (editable), else the working directory.
_CHECKOUT = PACKAGE_DIR.parents[1]
BASE_DIR = Path(
    os.environ.get("IMPSMART_HOME")
    or (_CHECKOUT if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd())
).resolve()
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    try:
        seconds = float(value) if value else default
    except ValueError:
        seconds = -1
    if seconds <= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}")
    return seconds


TESTING = "PYTEST_VERSION" in os.environ
# The day the product takes as today (YYYY-MM-DD), for tests and training rooms; empty: the clock.
IMPSMART_TODAY = os.environ.get("IMPSMART_TODAY", "")
if IMPSMART_TODAY:
    import datetime

    try:
        datetime.date.fromisoformat(IMPSMART_TODAY)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"IMPSMART_TODAY must be YYYY-MM-DD, not {IMPSMART_TODAY!r}"
        ) from error
DEBUG = env_bool("IMPSMART_DEBUG", False)
SECRET_KEY = os.environ.get("IMPSMART_SECRET_KEY", "")
if not SECRET_KEY:
    # A local, per-installation key: generated once and kept beside the database.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = os.environ.get("IMPSMART_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
# Behind HTTPS in production set IMPSMART_SECURE=true; the demo serves plain HTTP on loopback.
SECURE = env_bool("IMPSMART_SECURE", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "impsmart.regions",
    "impsmart.accounts",
    "impsmart.dashboard",
    "impsmart.api",
    "impsmart.demo",
    "impsmart.ops",
    "impsmart.families",
    "impsmart.counseling",
    "impsmart.services",
    "impsmart.reports",
    "impsmart.organization",
    "impsmart.meetings",
    "impsmart.training",
    "impsmart.groups",
    "impsmart.funds",
    "impsmart.monitoring",
    "impsmart.offline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "impsmart.accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "impsmart.accounts.middleware.ActorMiddleware",
    "impsmart.accounts.middleware.PasswordChangeRequiredMiddleware",
    "impsmart.params.BadParameterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "impsmart.ops.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "impsmart.urls"
WSGI_APPLICATION = "impsmart.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "impsmart.accounts.context_processors.permissions",
            ],
            "builtins": ["impsmart.url_tag"],  # {% url %}, its addresses kept
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'impsmart.sqlite3'}",
        # Each server thread keeps its connection (no connect and setup per request); a
        # connection broken meanwhile (a PostgreSQL restart) is replaced before it is used.
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the server read while a cadre's write is committing. A kept connection
        # keeps up to 16 MB of pages (SQLite's default is 2 MB), so a desa's pages stay in it.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000; "
            "PRAGMA temp_store=MEMORY;"
        ),
        # A write takes the lock when its transaction begins, so it queues for it there
        # (up to the timeout) instead of failing midway; reads outside transactions take none.
        "transaction_mode": "IMMEDIATE",
        "timeout": env_seconds("IMPSMART_DB_TIMEOUT", 20),
    }
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # No JIT compilation: a page's queries are short, and a cost estimate above the JIT
    # threshold (a desa's visit list) spent 25-30 ms compiling for a query of a few ms.
    # random_page_cost 1.1 instead of 4: a served database is read from memory, where an index
    # lookup costs about a page read in order. With it and the finer region-code statistics
    # (counseling 0006) a dusun's visit list reads her 160 members' visits by index (0.3 ms);
    # with either alone the planner still scanned the kabupaten's 12,000 visits (2.3 ms).
    # Values are bound on the server, and a statement a connection has run before is run
    # prepared (parsed once). Its plan is still made for its values at every run: a plan made
    # once for any value (PostgreSQL's choice after five runs) read the largest desa's visits
    # in 80 ms instead of 2.6. The compiled queries carry their values in their text
    # (compiled.py), so theirs is planned once per connection, and so is one run with a list
    # of ids, for any ids (``compiled._generic``: a page's rows by id); a write's statements
    # whose plan does not depend on their ids ask for one plan for any
    # (``compiled.planned_once``, the visit list's refresh). ``IMPSMART_PG_PREPARE=0``:
    # none of it (a pooler in transaction mode keeps no prepared statement).
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    pg_options.setdefault(
        "options", os.environ.get("IMPSMART_PG_OPTIONS", "-c jit=off -c random_page_cost=1.1")
    )
    if os.environ.get("IMPSMART_PG_PREPARE", "1") != "0":
        pg_options["server_side_binding"] = True
        pg_options["prepare_threshold"] = 1
        pg_options["options"] = "-c plan_cache_mode=force_custom_plan " + pg_options["options"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Each worker process keeps the rendered home blocks it may reuse (dashboard/views.py), a
# few KB each: about ten per user, so room for a kabupaten's thousand users (Django's
# default of 300 entries made fifty cadres evict each other's blocks at every load).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "impsmart.accounts.passwords.SimilarityValidator"},
]
# Days an API token lives; a password change or reset ends all of a user's tokens earlier.
IMPSMART_API_TOKEN_DAYS = int(os.environ.get("IMPSMART_API_TOKEN_DAYS", "30"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the request's user read by compiled SQL (accounts/backends.py).
    "impsmart.accounts.backends.UserBackend",
]
# Login throttling: five wrong passwords for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The lockout page, or JSON for the API (accounts/views.py).
AXES_LOCKOUT_CALLABLE = "impsmart.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded files (scanned decrees), served only through views that check scope; backups carry them.
MEDIA_ROOT = Path(os.environ.get("IMPSMART_MEDIA_ROOT") or VAR_DIR / "media")
if TESTING:  # tests never write into the installation's files
    MEDIA_ROOT = Path(tempfile.gettempdir()) / f"impsmart-test-media-{os.getpid()}"
# The project package is not an app, so its static folder is named here.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Tests (pytest sets PYTEST_VERSION) run without collectstatic: plain storage there.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "impsmart.static_storage.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = False

SESSION_ENGINE = "impsmart.accounts.sessions"  # Django's database store, read lighter
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Leaflet positions map panes with inline styles; scripts come only from our own origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'"
)

# Server errors (django.request, with their traceback) and security refusals go to standard
# error, which `impsmart serve` leaves to gunicorn's error log; they propagate to the root logger
# so tests see them too. Django's default sends them only to ADMINS by mail when DEBUG is off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "axes": {"handlers": ["console"], "level": "WARNING"},
        "django": {"handlers": ["console"], "level": "ERROR"},
    },
}
