"""Settings shared by every environment; every value comes from the environment."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env beside manage.py is read when present; real environment variables win.
env.read_env(str(BASE_DIR / ".env"), overwrite=False)

# --- core -------------------------------------------------------------------

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
TRUST_NAME = env("TRUST_NAME", default="Demo NHS Foundation Trust")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "simple_history",
]
LOCAL_APPS = [
    "accounts",
    "charter",
    "involvement",
    "peers",
    "recruitment",
    "reminders",
    "privacy",
    # The pages people use (web/README.md): above the domain apps, beside the API.
    "web",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "config.availability.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets the change history record who made a change (DRF sets the user on this request too).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Under DEBUG (`make run`), the NHS error pages instead of Django's debug pages (web/middleware.py).
    "web.middleware.DebugErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out admin or board sign-in into a clear 429.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context.frame",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # Web, worker and beat share one file: wait for locks instead of failing, and
    # take the write lock at the start of a transaction so two writers never deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- redis, cache -------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lx",
            # The cache only holds throttle counters: with Redis down, requests go through unthrottled
            # rather than failing (tests/integration/test_faults.py). Short timeouts so a dead Redis
            # costs a request milliseconds, not the client's patience.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# ...but say so in the log each time, so an outage is seen.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- auth -----------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# People sign in on the pages (web/); the admin keeps its own sign-in for the back office.
LOGIN_URL = "web:sign-in"
# A password-reset link works for a day: long enough to find the email, short enough to go stale.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Lockout after repeated failed sign-ins (django-axes), whichever door is used: the API, the admin or
# the board. Counted per account (the email in lower case), and unknown emails are counted too, so
# a lockout says nothing about whether an account exists. An address the account signed in from
# successfully within LOGIN_KNOWN_ADDRESS_DAYS is "known" and counted apart, per account and
# address: someone guessing from anywhere else cannot lock the person out of their usual addresses,
# and a correct password from a known address passes the cool-off. From any other address (a
# stranger's, or the person's own new one) the account-wide count applies, so guessing spread over
# many addresses still gets only AXES_FAILURE_LIMIT tries per cool-off (config.security). The lockout
# lifts by itself after the cool-off, or at once with `manage.py axes_reset_username <email>`.
AUTHENTICATION_BACKENDS = [
    "config.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = "config.security.lockout_parameters"
LOGIN_KNOWN_ADDRESS_DAYS = env.int("LOGIN_KNOWN_ADDRESS_DAYS", default=90)
# The client address as the throttles see it (THROTTLE_NUM_PROXIES), never a header a client sets.
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"
AXES_USERNAME_CALLABLE = "config.security.lockout_username"
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# A success clears the count it was judged by; guesses made while locked do not stretch the lockout.
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_SENSITIVE_PARAMETERS = ["username", "email", "ip_address"]

# Browser sessions (the admin, the board, the web pages) last a working day, as API tokens do.
SESSION_COOKIE_AGE = env.int("SESSION_TTL_HOURS", default=10) * 60 * 60
# The session and CSRF cookies are never readable by a page's script; they go to this site only on
# its own pages and top-level links (production.py adds Secure: HTTPS only).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A form posted with a stale or missing CSRF token gets a kind NHS page, not Django's.
CSRF_FAILURE_VIEW = "web.errors.csrf_failure"

# The largest request body read into memory (Django's default, stated): past it the API answers 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- security headers -----------------------------------------------------------

# Django's defaults, stated so that a change here is deliberate.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every HTML page (admin, board, API docs) loads only this server's files: no CDN, no inline script.
# A view may send a stricter or looser policy of its own (config.security.with_csp).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=10)),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": env.int("API_TOKEN_LIMIT_PER_USER", default=20),
}

# --- REST framework -------------------------------------------------------------

REST_FRAMEWORK = {
    # Tokens only. The API serves integrators and other systems; people in a browser use the pages,
    # whose session cookie opens nothing here (so a stolen cookie or a forged cross-site request
    # cannot reach the API). Swagger UI takes a token through its Authorize button.
    "DEFAULT_AUTHENTICATION_CLASSES": ["knox.auth.TokenAuthentication"],
    # JSON only, with a limit on nesting (api/parsers.py): no operation takes a file, and one body
    # format keeps clients and the schema simple (anything else is a 415).
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "api.filters.StrictDjangoFilterBackend",
        "api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/min"),
        "user": env("THROTTLE_USER", default="600/min"),
        # Sign-in attempts per account (the email given), and per client address: a ceiling that a
        # whole trust signing in at nine o'clock behind one proxy stays under (api/accounts, web/).
        "login": env("THROTTLE_LOGIN", default="10/min"),
        "login_address": env("THROTTLE_LOGIN_ADDRESS", default="300/min"),
        # CSV and PDF exports, per signed-in person (api.throttles, and the board's files).
        "export": env("THROTTLE_EXPORT", default="30/hour"),
        # The charter dashboard, API and board page, per signed-in person.
        "dashboard": env("THROTTLE_DASHBOARD", default="120/hour"),
    },
    # Proxies in front of the app that append to X-Forwarded-For. 0 means "none: use the peer
    # address", so a client cannot dodge a per-address limit by sending its own header.
    "NUM_PROXIES": env.int("THROTTLE_NUM_PROXIES", default=0),
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Lived Experience API",
    "DESCRIPTION": (
        "Involvement, peer-support workforce, recruitment and charter reporting for an NHS "
        "mental-health trust. Authenticate with `POST /api/v1/auth/login` and send "
        "`Authorization: Token <token>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Every operation documents the one error shape and the codes it comes with (api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.error_responses"],
    # Several models have a "status" or "kind"; give each its own enum name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "TeamKindEnum": "accounts.models.Team.Kind",
        "ParticipantStatusEnum": "involvement.models.Participant.Status",
        "ActivityStatusEnum": "involvement.models.Activity.Status",
        "ParticipationStatusEnum": "involvement.models.Participation.Status",
        "ConsultationStatusEnum": "involvement.models.Consultation.Status",
        "PaymentClaimStatusEnum": "involvement.models.PaymentClaim.Status",
        "FeedbackActionStatusEnum": "involvement.models.FeedbackItem.ActionStatus",
        "PartnerKindEnum": "involvement.models.PartnerOrganisation.Kind",
        "ExpenseKindEnum": "involvement.models.ExpenseLine.Kind",
        "RateUnitEnum": "involvement.models.RateCardEntry.Unit",
        "PeerWorkerStatusEnum": "peers.models.PeerWorker.Status",
        "SupervisionSessionStatusEnum": "peers.models.SupervisionSession.Status",
        "AdjustmentStatusEnum": "peers.models.ReasonableAdjustment.Status",
        "LeavingReasonEnum": "peers.models.LeavingReason",
        "BandEnum": "peers.models.Band",
        "SupervisionKindEnum": "peers.models.SupervisionKind",
        "VacancyStatusEnum": "recruitment.models.Vacancy.Status",
        "StageKindEnum": "recruitment.models.StageKind",
        "EqualityYesNoEnum": "recruitment.models.EqualityMonitoring.YesNo",
        "InterviewOutcomeEnum": "recruitment.models.Interview.Outcome",
        "ProgressionReviewOutcomeEnum": "peers.models.ProgressionReview.Outcome",
        "OfferStatusEnum": "recruitment.models.Offer.Status",
        "PreEmploymentCheckStatusEnum": "recruitment.models.PreEmploymentCheck.Status",
        "PreEmploymentCheckKindEnum": "recruitment.models.CheckKind",
    },
}

# --- static -----------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# NHS.UK frontend's compiled CSS, JS and images, from npm (`make install`), served as /static/nhsuk/.
STATICFILES_DIRS = [("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- email ------------------------------------------------------------------------

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Lived Experience <noreply@localhost>")

# --- celery -----------------------------------------------------------------------

BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport: a folder of message files, no server needed.
    for _sub in ("queue", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Broadcasts (worker control, pings) go here too, not into the working directory.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "accounts-purge-expired-tokens": {
        "task": "accounts.tasks.expired_tokens_purge",
        "schedule": timedelta(hours=1),
    },
    "charter-snapshots-nightly": {
        "task": "charter.tasks.snapshots_compute_recent",
        "schedule": crontab(hour=2, minute=30),
    },
    "reminders-plan": {
        "task": "reminders.tasks.plan",
        "schedule": timedelta(minutes=env.int("REMINDERS_PLAN_EVERY_MINUTES", default=10)),
    },
    "reminders-send": {
        "task": "reminders.tasks.send_due",
        "schedule": timedelta(minutes=1),
    },
    "recruitment-close-due-vacancies": {
        "task": "recruitment.tasks.vacancies_close_due",
        "schedule": timedelta(minutes=5),
    },
    "accounts-retention": {
        "task": "accounts.tasks.retention_apply",
        "schedule": crontab(hour=3, minute=15),
    },
    "privacy-erase-unsuccessful-applicants": {
        "task": "privacy.tasks.unsuccessful_applicants_erase",
        "schedule": crontab(hour=3, minute=45),
    },
}

# --- logging ----------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- involvement ------------------------------------------------------------------

# Involvement payments (pounds) one person may receive in a tax year before the lead is warned to
# talk to them: payments can count as earnings and affect benefits.
INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal(
    env.str("INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD", default="1000.00")
)

# --- peers ------------------------------------------------------------------------

# How many days ahead a training record counts as "expiring" (the expiring-soon list and status).
PEERS_TRAINING_EXPIRING_DAYS = env.int("PEERS_TRAINING_EXPIRING_DAYS", default=30)

# --- recruitment --------------------------------------------------------------------
# Trusts commonly recheck DBS certificates every three years; there is no legal expiry.
RECRUITMENT_DBS_RECHECK_YEARS = env.int("RECRUITMENT_DBS_RECHECK_YEARS", default=3)
RECRUITMENT_PROBATION_MONTHS = env.int("RECRUITMENT_PROBATION_MONTHS", default=6)

# --- reminders ----------------------------------------------------------------------
REMINDERS_DIGEST_HOUR = env.int("REMINDERS_DIGEST_HOUR", default=8)
REMINDERS_PLAN_BATCH_SIZE = env.int("REMINDERS_PLAN_BATCH_SIZE", default=1000)
# A sender holds a row this long; if it dies mid-send another takes the row after that.
REMINDERS_CLAIM_LEASE_SECONDS = env.int("REMINDERS_CLAIM_LEASE_SECONDS", default=300)
REMINDERS_RETRY_BASE_SECONDS = env.int("REMINDERS_RETRY_BASE_SECONDS", default=60)
REMINDERS_MAX_ATTEMPTS = env.int("REMINDERS_MAX_ATTEMPTS", default=5)
REMINDERS_MAX_SNOOZE_DAYS = env.int("REMINDERS_MAX_SNOOZE_DAYS", default=30)
# Tests only: a sender pauses this long after claiming, so a test can kill it mid-send. Keep 0.
REMINDERS_TEST_SEND_DELAY_SECONDS = env.float("REMINDERS_TEST_SEND_DELAY_SECONDS", default=0)
# Lead times of the domain apps' reminder rules (docs/reminders.md). A list gives one reminder per
# number of days ahead, in any order: "7,1" reminds a week ahead and again the day before.
REMINDERS_CONSULTATION_OWNER_DAYS = env.list("REMINDERS_CONSULTATION_OWNER_DAYS", cast=int, default=[7, 1])
REMINDERS_CONSULTATION_INVITEE_DAYS = env.list("REMINDERS_CONSULTATION_INVITEE_DAYS", cast=int, default=[3])
REMINDERS_CONSULTATION_OUTCOME_DAYS = env.int("REMINDERS_CONSULTATION_OUTCOME_DAYS", default=14)
REMINDERS_ACTIVITY_DAYS = env.int("REMINDERS_ACTIVITY_DAYS", default=1)
REMINDERS_FEEDBACK_ACTION_DAYS = env.int("REMINDERS_FEEDBACK_ACTION_DAYS", default=7)
REMINDERS_CLAIM_WAITING_WORKING_DAYS = env.int("REMINDERS_CLAIM_WAITING_WORKING_DAYS", default=5)
REMINDERS_SUPERVISION_DUE_DAYS = env.int("REMINDERS_SUPERVISION_DUE_DAYS", default=7)
REMINDERS_SUPERVISION_ESCALATE_DAYS = env.int("REMINDERS_SUPERVISION_ESCALATE_DAYS", default=14)
REMINDERS_TRAINING_EXPIRING_DAYS = env.int("REMINDERS_TRAINING_EXPIRING_DAYS", default=30)
REMINDERS_PROBATION_REVIEW_DAYS = env.int("REMINDERS_PROBATION_REVIEW_DAYS", default=14)
REMINDERS_DBS_RECHECK_DAYS = env.int("REMINDERS_DBS_RECHECK_DAYS", default=60)
REMINDERS_VACANCY_CLOSING_DAYS = env.int("REMINDERS_VACANCY_CLOSING_DAYS", default=1)
REMINDERS_INTERVIEW_DAYS = env.int("REMINDERS_INTERVIEW_DAYS", default=1)

# --- privacy: history, access log, retention (docs/privacy.md) ------------------------
# Reading old versions is allowed; putting one back would bypass the services' rules.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Days an access-log row is kept: long enough to answer "who has seen my data" for two years.
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=730)
# Days a superseded version in the change history is kept (six years, as for employment records).
HISTORY_RETENTION_DAYS = env.int("HISTORY_RETENTION_DAYS", default=2190)
# Months after an application ended (rejected or withdrawn) before the applicant's identity is erased.
RECRUITMENT_RETENTION_MONTHS = env.int("RECRUITMENT_RETENTION_MONTHS", default=12)
