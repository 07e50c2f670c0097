"""Settings of АИС «Ресурс», read from the environment with safe local defaults."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# A served instance signs sessions and CSRF tokens with its own SECRET_KEY. The demo key is
# for DEBUG and for test runs only (pytest sets PYTEST_VERSION); `make` makes a key of the
# checkout's own in var/secret_key (Makefile).
DEMO_SECRET_KEY = "resurs-local-demo-key-not-for-production-use-0123456789"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or "PYTEST_VERSION" in os.environ):
        raise ImproperlyConfigured(
            "Не задан SECRET_KEY: без него система не запускается, чтобы сеансы и формы не "
            "подписывались общеизвестным демонстрационным ключом. Задайте переменную окружения "
            "SECRET_KEY (длинная случайная строка, например из "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`) или запускайте "
            "через `make`, который создаёт ключ в var/secret_key; для локальной отладки — DEBUG=1."
        )
    SECRET_KEY = DEMO_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks_db",
    "resurs.kernel.accounts",
    "resurs.kernel.audit",
    "resurs.kernel.organisations",
    "resurs.kernel.workcalendar",
    "resurs.kernel.exchange",
    "resurs.kernel.attachments",
    "resurs.kernel.notifications",
    "resurs.kernel.backup",
    "resurs.coordination.registries",
    "resurs.coordination.methodology",
    "resurs.coordination.events",
    "resurs.coordination.public",
    "resurs.coordination.roadmaps",
    "resurs.coordination.reporting",
    "resurs.coordination.instructions",
    "resurs.casework.units",
    "resurs.casework.citizens",
    "resurs.casework.plans",
    "resurs.casework.cases",
    "resurs.casework.prevention",
    "resurs.casework.journals",
    "resurs.casework.socialservices",
    "resurs.casework.rental",
    "resurs.casework.egisso",
    "resurs.kernel.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "resurs.kernel.accounts.middleware.NoStoreForSignedInMiddleware",
    "resurs.kernel.accounts.middleware.ActiveMembershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
                "resurs.kernel.accounts.context_processors.navigation",
            ],
        },
    }
]

# SQLite is the embedded default so that a newcomer needs no server;
# DATABASE_URL=postgres://… switches to PostgreSQL, the production database.
SQLITE_PATH = BASE_DIR / "var" / "resurs.sqlite3"
SQLITE_PATH.parent.mkdir(exist_ok=True)  # the embedded database needs no set-up step
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
FORM_RENDERER = "resurs.kernel.ui.forms.FormRenderer"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The one sign-in rule (lockout per name and address) for every entrance that checks a password.
AUTHENTICATION_BACKENDS = ["resurs.kernel.accounts.backends.LockoutBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in lockout: this many wrong passwords in a row for one name from one address suspend
# that name from that address (accounts.backends.LockoutBackend).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
# Behind a reverse proxy: take the client's address from the proxy's X-Forwarded-For entry.
LOGIN_SOURCE_FROM_PROXY = env_bool("LOGIN_SOURCE_FROM_PROXY", False)
# Sessions end after this many idle minutes: every request renews the cookie.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False  # resurs.kernel.accounts.middleware.touch_session renews it
SESSION_COOKIE_HTTPONLY = True
# HTTPS=1: the system is served over HTTPS (usually by a reverse proxy that sets
# X-Forwarded-Proto): cookies travel only over HTTPS and browsers are told to use nothing else.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
USE_I18N = True
USE_TZ = True
# The region's time zone; each region row carries its own for regional pages.
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Yekaterinburg")
# Off: ids and years in templates must not become "1 234"; counts use |intcomma.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files are never served directly: downloads go through scoped views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
UPLOAD_MAX_MEGABYTES = int(os.environ.get("UPLOAD_MAX_MEGABYTES", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# A refused request (403, and any other 4xx) is logged as one line: its traceback says nothing
# about a bug and only buries the real errors (config.logfilters).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_traceback_for_4xx": {"()": "config.logfilters.NoTracebackFor4xx"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_traceback_for_4xx"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["no_traceback_for_4xx"]},
        "django.security": {"filters": ["no_traceback_for_4xx"]},
    },
}

# E-mail (answers to visitors' questions, reminders). Without EMAIL_HOST letters are written
# to files under var/mail, so that a demo never tries to reach a mail server.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "resurs@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(BASE_DIR / "var" / "mail")},
        }
    }

# links in e-mails and messages are absolute, to the address users open the system at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# the channels a notification goes through (inbox, email, sms) and the SMS/messenger
# backend: by default messages are written to files under var/sms; with
# NOTIFICATIONS_SMS_GATEWAY_URL they are posted to an HTTP gateway.
NOTIFICATIONS_CHANNELS = env_list("NOTIFICATIONS_CHANNELS", "inbox,email")
NOTIFICATIONS_SMS_GATEWAY_URL = os.environ.get("NOTIFICATIONS_SMS_GATEWAY_URL", "")
NOTIFICATIONS_SMS_GATEWAY_TOKEN = os.environ.get("NOTIFICATIONS_SMS_GATEWAY_TOKEN", "")
NOTIFICATIONS_SMS_GATEWAY_TIMEOUT = float(os.environ.get("NOTIFICATIONS_SMS_GATEWAY_TIMEOUT", "10"))
NOTIFICATIONS_SMS_BACKEND = os.environ.get(
    "NOTIFICATIONS_SMS_BACKEND",
    "resurs.kernel.notifications.sms.HttpGatewayBackend"
    if NOTIFICATIONS_SMS_GATEWAY_URL
    else "resurs.kernel.notifications.sms.FileBackend",
)
NOTIFICATIONS_SMS_FILE_PATH = BASE_DIR / "var" / "sms"

# REP-2/REP-7: a due day that is not a working day moves (next | previous | none); reminders
# start this many working days before a due date.
REPORT_DUE_SHIFT = os.environ.get("REPORT_DUE_SHIFT", "next")
REMINDER_DAYS_BEFORE = int(os.environ.get("REMINDER_DAYS_BEFORE", "3"))
# REP-5, KPI 6.1: a public section updated within this many days of the period's end is current.
PUBLIC_PAGE_FRESH_DAYS = int(os.environ.get("PUBLIC_PAGE_FRESH_DAYS", "90"))
