"""The state between the two steps of a login: "this user's password was right".

Never a client-side flag: a token signed with an HMAC (a secret of plone.keyring's
``_system`` ring, which plone.protect and plone.session use too) over the user id,
an expiry (``LIFETIME``, 5 minutes) and the generation of the user's second factor
(a reset or switch-off ends every pending login). The browser gets it as an
``HttpOnly`` cookie (``COOKIE``, path ``/``), ``@login`` clients in the JSON answer
(``login_token``). It only allows to *try* codes; every wrong code counts as a
failed login (``pas/lockout.py``, ``accounts/failures.py``).

``mark``/``marked`` pass the user id from the PAS plugin (which refuses the
password-only login) to the view of the same request, in ``request.other``.
"""

from kanzlei.akte.twofactor import store
from plone import api
from plone.keyring.interfaces import IKeyManager
from urllib.parse import urlencode
from zope.component import queryUtility

import base64
import binascii
import hashlib
import hmac
import secrets
import time


COOKIE = "akte_2fa"
LIFETIME = 300
MARK = "kanzlei.akte.second_factor_pending"
DOMAIN = b"kanzlei.akte second factor pending\n"
MAX_TOKEN_LENGTH = 1000
SECOND_STEP_VIEW = "anmeldung-bestaetigen"


def mark(request, userid):
    other = getattr(request, "other", None)
    if other is not None:
        other[MARK] = userid


def marked(request):
    """The user id whose password was right in this request (second step due)."""
    other = getattr(request, "other", None)
    return other.get(MARK) if other is not None else None


def _key():
    manager = queryUtility(IKeyManager)
    if manager is None:
        return None
    secret = manager.secret()
    return secret.encode() if isinstance(secret, str) else secret


def _sign(key, payload):
    return hmac.new(key, DOMAIN + payload, hashlib.sha256).hexdigest()


def sign(purpose, text):
    """An HMAC of ``text`` for ``purpose`` (e.g. the secret offered at setup)."""
    key = _key()
    if key is None:
        return ""
    return _sign(key, f"{purpose}\n{text}".encode())


def signed(purpose, text, signature):
    expected = sign(purpose, text)
    return bool(expected) and hmac.compare_digest(expected, signature or "")


def issue(pas_plugin, userid, now=None):
    key = _key()
    if key is None:
        return None
    expiry = int(now or time.time()) + LIFETIME
    fields = (userid, str(expiry), store.generation(pas_plugin, userid))
    payload = "\n".join((*fields, secrets.token_urlsafe(8))).encode()
    encoded = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{encoded}.{_sign(key, payload)}"


def verify(pas_plugin, token, now=None):
    """The user id of a valid, unexpired token of a current second factor."""
    key = _key()
    if key is None or not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    encoded, _dot, signature = token.partition(".")
    try:
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    if not hmac.compare_digest(signature, _sign(key, payload)):
        return None
    try:
        userid, expiry, generation, _nonce = payload.decode().split("\n")
        expiry = int(expiry)
    except ValueError:
        return None
    if expiry < int(now or time.time()):
        return None
    if not generation or generation != store.generation(pas_plugin, userid):
        return None
    return userid


def set_cookie(response, token, secure=False):
    response.setCookie(
        COOKIE,
        token,
        path="/",
        max_age=LIFETIME,
        http_only=True,
        secure=secure,
        same_site="Strict",
    )


def expire_cookie(response):
    response.expireCookie(COOKIE, path="/")


def start_second_step(pas_plugin, request, userid, came_from=""):
    """After a right password (login form): the cookie and the URL of step 2."""
    token = issue(pas_plugin, userid)
    set_cookie(request.response, token, secure=pas_plugin.secure_cookies())
    url = f"{api.portal.get().absolute_url()}/@@{SECOND_STEP_VIEW}"
    if came_from:
        url += "?" + urlencode({"came_from": came_from})
    return url
