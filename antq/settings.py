"""ANTQ settings: one module, driven by the environment (ANTQ_* variables, DATABASE_URL).

The defaults run the demo on SQLite; production sets ANTQ_DEBUG=0, a real
ANTQ_SECRET_KEY and DATABASE_URL=postgres://...
"""

import datetime
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from antq.core.api_docs import API_DESCRIPTION

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ANTQ_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEMO_SECRET_KEY = "antq-demo-secret-key-not-for-production"  # noqa: S105
SECRET_KEY = os.environ.get("ANTQ_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("ANTQ_DEBUG", True)
if not DEBUG and SECRET_KEY == DEMO_SECRET_KEY:
    raise ImproperlyConfigured(
        "ANTQ_DEBUG=0 needs a real ANTQ_SECRET_KEY; the demo key is public."
    )
ALLOWED_HOSTS = env_list("ANTQ_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("ANTQ_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "antq.core",
    "antq.geo",
    "antq.orgs",
    "antq.committees",
    "antq.programs",
    "antq.evaluations",
    "antq.initiatives",
    "antq.tips",
    "antq.mediation",
    "antq.supervision",
    "antq.forces",
    "antq.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed; Django pads each compressed answer with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "antq.core.middleware.RequestIdMiddleware",
    "antq.core.middleware.RequestSizeMiddleware",
    "antq.core.middleware.NulRefusalMiddleware",
    "antq.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "antq.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "antq.orgs.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "antq.urls"
WSGI_APPLICATION = "antq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "antq.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL when DATABASE_URL is set --------------
_sqlite_url = f"sqlite:///{VAR_DIR / 'antq.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _sqlite_url)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Keep each process's connection (dj-database-url sets 0: a new connection, ~4 ms, per request).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("ANTQ_DB_CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for all server processes when ANTQ_CACHE_URL=redis://… is set, so the public rate
# limits count across them; otherwise each process counts on its own (the demo's single process).
if os.environ.get("ANTQ_CACHE_URL", "").startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["ANTQ_CACHE_URL"]}}

# --- Accounts ------------------------------------------------------------------------
AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("ANTQ_SESSION_SECONDS", 8 * 3600))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("ANTQ_HSTS_PRELOAD", not DEBUG)
# In production a plain-HTTP request is sent to HTTPS (behind the TLS proxy its X-Forwarded-Proto says
# https, so nothing loops); ANTQ_SSL_REDIRECT=0 only where the proxy itself redirects.
SECURE_SSL_REDIRECT = env_bool("ANTQ_SSL_REDIRECT", not DEBUG)
if env_bool("ANTQ_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Lockout after repeated failures, per account and client address (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("ANTQ_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ANTQ_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as the rate limits: behind the trusted proxy, the citizen's, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "antq.core.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "orgs/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "ANTQ"

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "antq" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["antq.formats"]

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
_node = BASE_DIR / "node_modules"
# Front-end assets come from npm packages pinned in package-lock.json (no CDN).
STATICFILES_DIRS = [
    (prefix, _node / sub)
    for prefix, sub in [
        ("vendor/bootstrap", "bootstrap/dist"),
        ("vendor/bootstrap-icons", "bootstrap-icons/font"),
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/chart.js", "chart.js/dist"),
    ]
    if (_node / sub).is_dir()
]
STORAGES = {
    # Every uploaded file is sealed at rest with the data keys (antq.core.storage).
    "default": {"BACKEND": "antq.core.storage.SealedFileSystemStorage"},
    # In production: names carry a hash of the content, so browsers keep the files a year (WhiteNoise);
    # each is also stored gzip- and Brotli-compressed. `antq collectstatic` writes them (README).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG

# --- API ------------------------------------------------------------------------------
# API tokens: hashed at rest (SHA-512), each with an expiry; made and revoked with a fresh second-factor code.
ANTQ_API_TOKEN_MAX_DAYS = int(os.environ.get("ANTQ_API_TOKEN_MAX_DAYS", 90))
REST_KNOX = {"TOKEN_TTL": datetime.timedelta(days=30), "TOKEN_PREFIX": "antq_", "AUTO_REFRESH": False,
             "TOKEN_LIMIT_PER_USER": 5}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that an answer without valid credentials is 401 with "WWW-Authenticate: Token".
        "knox.auth.TokenAuthentication",  # "Authorization: Token <key>"; only a hash of the key is stored
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "antq.core.api.Pagination",
    "DEFAULT_PARSER_CLASSES": ["antq.core.api.parsers.JSONParser", "antq.core.api.parsers.FormParser",
                               "antq.core.api.parsers.MultiPartParser"],
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "antq.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "antq.core.api.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ANTQ API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AttendanceStatusEnum": "antq.committees.choices.Attendance",
        "TimeUnitEnum": "antq.core.models.TimeUnit",
        "ProgramStatusEnum": "antq.programs.choices.ProgramStatus",
        "AssignmentStatusEnum": "antq.programs.choices.AssignmentStatus",
        "ProgramKindEnum": "antq.programs.choices.ProgramKind",
        "ReviewKindEnum": "antq.programs.choices.ReviewKind",
        "UnitKindEnum": "antq.evaluations.choices.UnitKind",
        "EstablishmentKindEnum": "antq.evaluations.choices.ESTABLISHMENT_KIND_CHOICES",
        "IncidentKindEnum": "antq.evaluations.choices.IncidentKind",
        "EvaluationStatusEnum": "antq.evaluations.choices.Status",
        "InitiativeStatusEnum": "antq.initiatives.choices.Status",
        "InitiativeGradeEnum": "antq.initiatives.choices.Grade",
        "InitiativeKindEnum": "antq.initiatives.choices.InitiativeKind",
        "RemovalReasonEnum": "antq.initiatives.choices.RemovalReason",
        "TipStatusEnum": "antq.tips.choices.Status",
        "MediationStatusEnum": "antq.mediation.choices.CaseStatus",
        "MediationOutcomeEnum": "antq.mediation.choices.ENDING_CHOICES",
        "PartyRoleEnum": "antq.mediation.choices.PartyRole",
        "DisputeKindEnum": "antq.mediation.choices.DisputeKind",
        "SupervisionGradeEnum": "antq.supervision.choices.Grade",
        "SupervisionProposalKindEnum": "antq.supervision.choices.ProposalKind",
        "SupervisionNeedKindEnum": "antq.supervision.choices.NeedKind",
        "SupervisionSupportKindEnum": "antq.supervision.choices.SupportKind",
        "SecurityTeamRoleEnum": "antq.forces.choices.Role",
        "SecurityTeamEducationEnum": "antq.forces.choices.Education",
        "ShiftKindEnum": "antq.forces.choices.ShiftKind",
        "SecurityTeamTaskKindEnum": "antq.forces.choices.TaskKind",
        "DutyIncidentKindEnum": "antq.forces.choices.IncidentKind",
        "SecurityTeamTaskOutcomeEnum": "antq.forces.choices.TaskOutcome",
        "SecurityTeamGradeEnum": "antq.forces.choices.Grade",
        "PrestigeKindEnum": "antq.forces.choices.PrestigeKind",
        "ParticipationKindEnum": "antq.forces.choices.ParticipationKind",
        "TrainingResultEnum": "antq.forces.choices.TrainingResult",
        "ShiftAssignmentStateEnum": "antq.forces.choices.AssignmentState",
        "SecurityTeamRatingStateEnum": "antq.forces.choices.RatingState",
        "SecurityTeamDisciplineEnum": "antq.forces.choices.DisciplineForm",
        "TipOutcomeEnum": "antq.tips.choices.Outcome",
        "MemberRoleEnum": "antq.initiatives.choices.MemberRole",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "antq.core.api.add_error_responses",
    ],
}

# --- Background tasks (Django's Tasks API; database queue by default) ----------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Once-a-day jobs the worker runs (antq.core.tasks.daily): each job(today=date) -> int.
ANTQ_DAILY_JOBS = ["antq.evaluations.tasks.deadline_reminders", "antq.tips.tasks.deadline_reminders",
                   "antq.tips.tasks.register_pending", "antq.tips.tasks.sweep_intake_files",
                   "antq.mediation.tasks.escalate_disputes", "antq.mediation.tasks.start_reminders",
                   "antq.supervision.tasks.plan_reminders", "antq.supervision.tasks.anonymise_due",
                   "antq.forces.tasks.lay_out_schedules",
                   "antq.core.tasks.record_audit_head"]
# Where the daily job appends the audit head (outside the database; ship it to another machine).
ANTQ_AUDIT_HEAD_FILE = Path(os.environ.get("ANTQ_AUDIT_HEAD_FILE", VAR_DIR / "audit-heads.log"))

EMAIL_BACKEND = os.environ.get(
    "ANTQ_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("ANTQ_FROM_EMAIL", "ANTQ <no-reply@antq.local>")

DJANGO_TABLES2_TEMPLATE = "django_tables2/antq.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ANTQ_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Keys of the encrypted fields (antq.core.crypto): "id:<base64 32 bytes>,..." — the first encrypts.
ANTQ_DATA_KEYS = os.environ.get("ANTQ_DATA_KEYS", "")
if not DEBUG and not ANTQ_DATA_KEYS:
    raise ImproperlyConfigured("ANTQ_DEBUG=0 needs ANTQ_DATA_KEYS for the encrypted fields.")

# Receipt secrets of citizens' tips: Argon2id "time,memory KiB,parallelism". The secret is drawn at
# random (16 characters, ~72 bits), so OWASP's minimum (2, 19 MiB, 1) suffices; the accounts keep
# Django's heavier default for passwords people choose.
ANTQ_SECRET_ARGON2 = tuple(int(n) for n in os.environ.get("ANTQ_SECRET_ARGON2", "2,19456,1").split(","))

# Public intake limits per client network: "count/seconds".
ANTQ_TIP_SUBMIT_LIMIT = os.environ.get("ANTQ_TIP_SUBMIT_LIMIT", "10/3600")
ANTQ_TIP_FOLLOW_LIMIT = os.environ.get("ANTQ_TIP_FOLLOW_LIMIT", "60/3600")
# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated): behind the
# README's TLS proxy on the same host, the loopback. Anyone else's header is ignored (antq.core.ratelimit).
ANTQ_TRUSTED_PROXIES = [item.strip() for item in os.environ.get(
    "ANTQ_TRUSTED_PROXIES", "127.0.0.1,::1" if env_bool("ANTQ_BEHIND_TLS_PROXY", False) else "").split(",")
    if item.strip()]

# SMS/email to people outside the product (antq.core.notify); the demo writes a file.
# The demo writes what would be sent to a file; production sends email (or the gateway named here): the
# messages to reporters are never written in clear on the server's disk there.
ANTQ_NOTIFY_BACKEND = os.environ.get("ANTQ_NOTIFY_BACKEND",
                                     "antq.core.notify.FileBackend" if DEBUG else "antq.core.notify.EmailBackend")

# The address users reach the product at, for links in emails.
ANTQ_BASE_URL = os.environ.get("ANTQ_BASE_URL", "http://127.0.0.1:8000")

# Uploads (signed minutes, working rules …) are checked by content; this caps their size.
ANTQ_UPLOAD_MAX_BYTES = int(os.environ.get("ANTQ_UPLOAD_MAX_MB", 10)) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Everything one request may carry, files included (a report with a 50 MB video and a few photos).
ANTQ_REQUEST_MAX_BYTES = int(os.environ.get("ANTQ_REQUEST_MAX_MB", 64)) * 1024 * 1024
# Uploads larger than this wait on disk, not in memory, until they are checked and sealed.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
