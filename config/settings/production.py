"""Production settings: PostgreSQL and Redis, HTTPS only, secrets from the environment."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK, SECRET_KEY, env

DEBUG = False

# Keys anyone can read in this repository: .env.example's placeholder (copied to .env unedited, it
# would pass Django's deploy check, being long and varied) and the local and test settings' keys.
# The image ships without .env.example, so the values are listed here; a test keeps them in step.
PUBLISHED_SECRET_KEYS = frozenset(
    {
        "change-me-to-a-long-random-string-of-at-least-fifty-characters",
        "local-only-insecure-key-do-not-use-in-production",
        "test-only-insecure-key",
    }
)
if SECRET_KEY in PUBLISHED_SECRET_KEYS or "change-me" in SECRET_KEY.lower():
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is an example value published with the code. Set it to a long random "
        "string of your own, for example from: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers and container health checks speak plain HTTP to these.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Production runs behind one TLS-terminating proxy (above), which appends the client's address to
# X-Forwarded-For: count per-address limits by that entry, which a client cannot forge.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("THROTTLE_NUM_PROXIES", default=1)
