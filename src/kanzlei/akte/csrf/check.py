"""Every state-changing request (POST, PUT, PATCH, DELETE) to the site — our views,
Plone's forms, every plone.restapi endpoint, every login form — is checked once,
right after traversal, before anything runs:

- a request with an explicit token (``Authorization: Bearer …`` — a JWT or API token —
  or ``X-Akte-Token``) passes: a browser never adds such a header by itself, and a
  cross-site page cannot add it without a CORS preflight the portal does not grant;
- a request that says where it comes from (``Origin``, else ``Sec-Fetch-Site``) must
  come from the portal itself, whatever it carries (cookie, Basic, login form);
  ``Origin: null`` (sent by browsers for pages with ``Referrer-Policy: no-referrer``)
  counts as cross-site unless ``Sec-Fetch-Site`` says ``same-origin``;
- a request authenticated by the browser's session cookie that says nothing about its
  origin needs plone.protect's authenticator (``_authenticator`` / ``X-CSRF-TOKEN``).

Refused requests get 403 with a German message (JSON for the API).
"""

from kanzlei.akte import _
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from kanzlei.akte.pas import compat
from plone.protect.authenticator import check as check_authenticator
from urllib.parse import urlsplit
from zExceptions import Forbidden


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SESSION_COOKIES = ("__ac", "auth_token")
DEFAULT_PORTS = {"http": 80, "https": 443}


def authorization_header(request):
    """The ``Authorization`` header: Zope moves it out of the environment into the
    request's ``_auth`` (no public accessor)."""
    return compat.authorization_header(request)


def token_authenticated(request):
    """True when the request names its credentials explicitly (bearer/API token)."""
    auth = authorization_header(request)
    return auth[:7].lower() == "bearer " or bool(request.getHeader("X-Akte-Token"))


def origin_of(url):
    """(scheme, host, port) of a URL, or None for anything that is not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def same_origin(request):
    """True/False when the browser told where the request comes from, else None."""
    origin = (request.getHeader("Origin") or "").strip()
    if origin and origin != "null":
        own = origin_of(request.get("SERVER_URL", ""))
        return own is not None and origin_of(origin) == own
    # "Origin: null": a page with "Referrer-Policy: no-referrer" (e.g. the
    # registration page) or a sandboxed/opaque one; the fetch metadata decides
    fetch_site = (request.getHeader("Sec-Fetch-Site") or "").strip().lower()
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    return False if origin else None


def session_authenticated(request):
    return any(request.cookies.get(name) for name in SESSION_COOKIES)


def has_authenticator(request):
    try:
        check_authenticator(request)
    except Forbidden:
        return False
    return True


def forged(request):
    """True when the request may come from another site's page."""
    if request.get("REQUEST_METHOD", "GET").upper() not in UNSAFE_METHODS:
        return False
    if token_authenticated(request):
        return False
    verdict = same_origin(request)
    if verdict is not None:
        return not verdict
    return session_authenticated(request) and not has_authenticator(request)


def refuse_forged_requests(event):
    """IPubAfterTraversal: 403 for a forged state change on this site."""
    request = event.request
    if not IKanzleiAkteLayer.providedBy(request) or not forged(request):
        return
    raise refusal(
        Forbidden,
        _(
            "error_csrf",
            default="Die Anfrage wurde abgelehnt, weil sie nicht von den Seiten "
            "der Online-Akte kommt. Bitte laden Sie die Seite neu und versuchen "
            "Sie es noch einmal.",
        ),
    )
