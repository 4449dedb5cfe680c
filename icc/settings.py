"""One settings module, driven by environment variables (see .env.example); bad values are refused."""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ICC_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
# ENV_FILE: another file than .env (e.g. /etc/icc/env); variables set in the environment win over the file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# DEBUG is off unless asked for: `make run` passes DEBUG=true; the test suite (pytest imports this module)
# runs with the development defaults below without being a debug server. Everything else is production.
DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("ICC_TESTING", default="pytest" in sys.modules)
PRODUCTION = not DEBUG and not TESTING
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: 50 or more random characters (see .env.example), "
            "or DEBUG=true on a development machine."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
elif PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use 50 or more random characters, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if PRODUCTION and "ALLOWED_HOSTS" not in os.environ:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off: the site's host names, comma-separated "
        "(see .env.example)."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
if urlsplit(SITE_URL).scheme not in ("http", "https") or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r}: give the site's address, e.g. https://icc.example.org."
    )

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the public site's sitemap.xml
    "django_htmx",
    "simple_history",
    "axes",  # sign-in throttling; `icc axes_reset`, `icc axes_reset_username EMAIL` unlock
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "icc.core",
    "icc.accounts",
    "icc.network",
    "icc.index",
    "icc.gaps",
    "icc.experts",
    "icc.activities",
    "icc.clusters",  # learning clusters and the policy lab (its meetings and sessions are activities events)
    "icc.practices",
    "icc.strategies",  # city strategies, results-based accountability, scorecards and report cards
    "icc.evaluations",  # evaluations of a strategy's implementation: instrument, answers, the expert's report
    "icc.policytools",  # policy self-assessment checklists and the public business diversity-advantage tool
    "icc.programme",  # the programme's own objectives, targets, risks, gender figures and annual report
    "icc.funding",  # budgets by source, spending, donors, applications and partner organisations
    "icc.outreach",  # news on the public site and the newsletter
    "icc.impact",  # evidence of impact: outcome data and the analyses against the Index
    "icc.surveys",  # the residents' questionnaire beside the Index
    "icc.learning",  # the initiation course
    "icc.reports",
    "icc.notifications",
    "icc.public",
    "icc.api",
    "ninja",  # the API docs page: Swagger UI served from ninja's static files, no CDN
    "icc.demo",  # `icc load_demo`: imports every app, so it comes last
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "icc.public.middleware.LocaleMiddleware",  # Django's, with permanent redirects to /en/ or /fr/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "icc.core.middleware.RefuseControlCharactersMiddleware",  # after the language and the person are known
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the sign-in page saying when to retry
    "icc.public.page_cache.PublicCacheMiddleware",  # stores public pages per public content version
]

ROOT_URLCONF = "icc.urls"
WSGI_APPLICATION = "icc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "icc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "icc.network.context_processors.platform",
                "icc.notifications.context_processors.notifications",
                "icc.public.page_cache.csrf_placeholder",  # last: while a public page is being cached
            ],
            "builtins": ["django.templatetags.i18n", "icc.core.templatetags.icc"],
        },
    }
]

# Every form marks its required fields in words (icc/core/forms.py).
FORM_RENDERER = "icc.core.forms.FormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'icc.sqlite3'}")}
# SQLite lets one writer at a time: a write waits for the one in progress rather than failing with
# "database is locked" (HTTP 500). IMMEDIATE takes the write lock when a transaction begins, where the
# wait applies (a deferred one that reads first and writes later fails at once instead of waiting); WAL
# lets readers go on beside the writer. The wait must outlast the longest write, an import of thousands
# of cities written in one transaction: SQLITE_BUSY_TIMEOUT seconds (default 30).
SQLITE_BUSY_TIMEOUT = env.int("SQLITE_BUSY_TIMEOUT", default=30)
if SQLITE_BUSY_TIMEOUT < 1:
    raise ImproperlyConfigured("SQLITE_BUSY_TIMEOUT must be a number of seconds, at least 1.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", SQLITE_BUSY_TIMEOUT)
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000};",
    )
else:
    # A new PostgreSQL connection costs ~3.7 ms here and halves page throughput: keep connections.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# History reasons hold a code and what a person typed (icc/core/history.py): a text column, so that a typed
# reason is never cut to fit.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "network:dashboard"
LOGOUT_REDIRECT_URL = "public:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A coordinator filling in a questionnaire for hours must never be logged out mid-work.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 30)
SESSION_SAVE_EVERY_REQUEST = True
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Sign-in throttling (django-axes, docs/operations.md): AXES_FAILURE_LIMIT failed sign-ins for one e-mail
# address, or from one client address, lock that address out for AXES_COOLOFF_MINUTES. Failures during a
# lockout do not extend it; a successful sign-in does not wipe earlier failures (an attacker with an account
# of their own could otherwise reset their address's count); completing a password reset unlocks the account.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be 1 or more.")
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one: per account and per address
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field, which holds the e-mail address
AXES_USERNAME_CALLABLE = "icc.accounts.signin.attempted_username"
AXES_CLIENT_IP_CALLABLE = "icc.core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "icc.accounts.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind reverse proxies (nginx, a load balancer): how many append to X-Forwarded-For in front of the app.
# 0 (default) uses the connection's address; with proxies, 0 would lock out everyone behind the proxy at once.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or the number of proxies.")
# The cache holds the API's rate-limit counters and the network reports' charts. Per process by default;
# with several gunicorn workers share it, e.g. CACHE_URL=filecache:///var/cache/icc (one machine), and with
# several machines Redis: CACHE_URL=redis://host:6379/1 (Django's own RedisCache; docs/operations.md).
CACHE_SCHEMES = ("locmemcache", "filecache", "redis", "rediss", "dbcache", "dummycache")
_cache_scheme = urlsplit(env.str("CACHE_URL", default="locmemcache://")).scheme
if _cache_scheme not in CACHE_SCHEMES:
    raise ImproperlyConfigured(
        f"CACHE_URL: the scheme {_cache_scheme!r} is not one this site runs on; use locmemcache:// "
        "(one process), filecache:///var/cache/icc (one machine) or redis://host:6379/1 (several machines)."
    )
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# The public pages and public API answers are cached per public content version (icc/public/page_cache.py);
# an old version's pages leave the cache after this many seconds. 0 turns the cache off.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=24 * 3600)
if PUBLIC_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PUBLIC_CACHE_SECONDS must be 0 (no cache) or a number of seconds.")
# JSON API rate limits, "<requests>/<s|min|hour|day>": anonymous callers by IP, token holders by user.
API_RATE_ANON = env.str("API_RATE_ANON", default="60/min")
API_RATE_USER = env.str("API_RATE_USER", default="600/min")
# Public forms without an account (icc/core/throttling.py): posts per client address and form.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", default="20/hour")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr")
LOCALE_PATHS = [BASE_DIR / "icc" / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "icc" / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Uploaded documents live outside the web root and are served only through views that check access.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Media (uploaded documents and evidence, generated reports) go through the default storage: files under
# MEDIA_ROOT, or with MEDIA_STORAGE=s3 (or AWS_STORAGE_BUCKET_NAME set) a private bucket of an S3-compatible
# service shared by every app server and worker. Files are never overwritten (an upload of the same name gets
# a new name, as on disk), and they stay private: pages serve them through views that check access.
MEDIA_STORAGE = env.str(
    "MEDIA_STORAGE", default="s3" if env.str("AWS_STORAGE_BUCKET_NAME", default="") else "local"
).lower()
if MEDIA_STORAGE == "local":
    _media_storage: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if not env.str("AWS_STORAGE_BUCKET_NAME", default=""):
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME: the name of an existing private bucket (with "
            "AWS_S3_ENDPOINT_URL for a service other than Amazon's, and AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY), or MEDIA_STORAGE=local to keep the files under MEDIA_ROOT."
        )
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            # Empty means boto3's own: Amazon's endpoint, credentials from the machine's role.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            # The bucket's own access rules (keep it private): no ACL sent, which services that refuse ACLs
            # (buckets with "bucket owner enforced", some S3-compatible servers) accept.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(
        f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use local (files under MEDIA_ROOT) or s3 "
        "(an S3-compatible bucket)."
    )
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION  # needs `icc collectstatic`; development and tests read the app folders
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Production sends e-mail over SMTP (localhost:25 unless EMAIL_HOST says otherwise): the console backend
# would drop invitations and password resets into the log without a word.
_email_backend = env.str(
    "EMAIL_BACKEND",
    default=f"django.core.mail.backends.{'smtp' if PRODUCTION else 'console'}.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            }
            if _email_backend.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Intercultural Cities <noreply@example.org>")

# Background work: tasks run inline unless a worker is configured (`icc db_worker`).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"),
    }
}
# Processes rendering a batch of reports (icc/reports/services/workers.py): one per core; 1 in tests.
REPORT_BATCH_PROCESSES = env.int("REPORT_BATCH_PROCESSES", default=1 if TESTING else (os.cpu_count() or 1))

# Transport: HTTPS only in production (behind a proxy that terminates TLS and says so in a header),
# each setting configurable; development and tests stay on plain http. docs/operations.md, "Production".
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
try:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if PRODUCTION else 0)
except ValueError:
    SECURE_HSTS_SECONDS = -1
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("SECURE_HSTS_SECONDS must be 0 (off) or a number of seconds, e.g. 31536000.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
# "<header as Django names it>,<value meaning https>", or empty when the site is not behind a proxy.
_proxy_header = env.list(
    "SECURE_PROXY_SSL_HEADER", default=["HTTP_X_FORWARDED_PROTO", "https"] if PRODUCTION else []
)
if _proxy_header:
    if len(_proxy_header) != 2 or not _proxy_header[0].startswith("HTTP_"):
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be '<HTTP_HEADER_NAME>,<value>', "
            "e.g. HTTP_X_FORWARDED_PROTO,https, or empty when no proxy sets it."
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy on every response: scripts and styles from our own static files only (an inline
# one needs the request's nonce, {{ csp_nonce }}); htmx's indicator style is off (base.html) and styled
# in site.css; charts are inline SVG without style attributes (reports/charts.py). Swagger UI draws
# its icons from data: images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
