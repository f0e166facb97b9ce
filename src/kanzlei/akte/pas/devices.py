"""Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies").

One attacker behind an office's IP address (or behind a proxy not configured as
trusted) must not lock everybody else behind it out. A browser in which a user has
logged in successfully gets a signed cookie naming that login; later password logins
of that login from that browser are exempt from the per-IP throttle
(``accounts.failures``). The per-account lockout still applies, so the cookie gives
an attacker nothing: it names one login and only a correct password gets in.

The signature is an HMAC with a secret of plone.keyring (ring ``RING``), so it cannot
be forged; rotating the ring voids all device cookies.
"""

from kanzlei.akte.accounts.names import normalize
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from zope.component import queryUtility

import hashlib
import hmac
import secrets


COOKIE = "akte_device"
RING = "_kanzlei_akte_devices"
MAX_AGE = 180 * 24 * 3600
MAX_COOKIE_LENGTH = 600


def ensure_ring():
    """Create the keyring (install and upgrade steps; never during a login)."""
    manager = queryUtility(IKeyManager)
    if manager is not None and RING not in manager:
        manager[RING] = Keyring(1)
        manager[RING].fill()


def secret():
    manager = queryUtility(IKeyManager)
    if manager is None or RING not in manager:
        return None
    return manager.secret(ring=RING)


def signature(key, login, nonce):
    message = f"{normalize(login)}\n{nonce}".encode()
    return hmac.new(
        key.encode() if isinstance(key, str) else key, message, hashlib.sha256
    ).hexdigest()


def issue(response, login, secure=False):
    key = secret()
    if key is None or response is None:
        return
    nonce = secrets.token_urlsafe(12)
    value = f"{nonce}.{signature(key, login, nonce)}"
    response.setCookie(
        COOKIE,
        value,
        path="/",
        max_age=MAX_AGE,
        http_only=True,
        secure=secure,
        same_site="Lax",
    )


def trusted(request, login):
    """The request comes from a browser where ``login`` logged in before."""
    key = secret()
    value = request.cookies.get(COOKIE, "") if request is not None else ""
    if key is None or not value or len(value) > MAX_COOKIE_LENGTH or "." not in value:
        return False
    nonce, sig = value.split(".", 1)
    return hmac.compare_digest(sig, signature(key, login, nonce))
