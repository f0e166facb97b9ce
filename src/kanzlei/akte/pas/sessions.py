"""Idle and absolute timeouts for login cookies (plone.session) and REST tokens (JWT).

Settings (control panel "Online-Akte", registry ``kanzlei.akte.session_*``): a
session of a client ends after ``session_idle_seconds_client`` without a request
(default 30 minutes), one of staff after ``session_idle_seconds_staff`` (default
2 hours: they work in the portal all day), and every session, however active,
``session_max_seconds`` after the login (default 12 hours).

The site's ``kanzlei_akte`` plugin is the first ``IExtractionPlugin``; before any
plugin reads credentials, ``enforce`` looks at the request:

- **cookie** (``__ac`` of plone.session): the ticket's signed timestamp is the last
  activity: a valid ticket older than ``refresh_after`` is issued again with the
  time of this request, and its signed ``user_data`` keeps the login time. When
  the idle or the absolute time is over, the cookie is taken out of this request
  and expired in the browser: the request is anonymous (the login page follows
  wherever a login is needed). plone.session's own ``timeout`` is set to the
  longest idle time as a second line (``apply_timeouts``).
- **JWT** (``Authorization: Bearer`` from ``POST @login``): verified by
  plone.restapi's plugin first; its issue time is in plone.restapi's token store,
  the last use in our plugin (``token_activity``, written at most every
  ``refresh_after`` seconds, in a transaction of its own). Over the idle or the
  absolute time, the token is deleted from the store (revoked) and this request
  does not see it. plone.restapi's ``token_timeout`` (``exp`` of new tokens) is the
  absolute time.

API tokens of integrations (``apitokens.py``) are long-lived by design and not
affected; they are revoked by staff. The root folder's plugin does the same for JWTs
of Zope root accounts (``admin``) issued by the root's plone.restapi plugin, with the
settings of the site the request is in; a root account counts as staff.
"""

from BTrees.OOBTree import OOBTree
from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import storage
from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from zope.component.hooks import getSite

import binascii
import hashlib
import time


LOGIN_PREFIX = "akte-login:"
DONE = "kanzlei.akte.session_checked"
NAMES = ("session_idle_seconds_client", "session_idle_seconds_staff")
MAX = "session_max_seconds"

MSG_IDLE = _(
    "session_ended_idle",
    default="Sie wurden nach längerer Untätigkeit abgemeldet. Bitte melden Sie sich "
    "erneut an.",
)
MSG_MAX = _(
    "session_ended_max",
    default="Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
)


def setting(name):
    value = settings.get(name)
    return max(1, int(value)) if value else 1


def idle_seconds(userid, cache):
    if userid not in cache:
        user = api.user.get(userid=userid)
        # not a user of the site: an account of the Zope root (admin), never a client
        staff = user is None or is_staff(user=user)
        cache[userid] = setting(NAMES[1] if staff else NAMES[0])
    return cache[userid]


def refresh_after(idle):
    """Re-issue a ticket (note a token's use) this long after the last time."""
    return max(1, min(60, idle // 4))


def login_time(user_data, issued):
    if user_data.startswith(LOGIN_PREFIX):
        try:
            return int(user_data[len(LOGIN_PREFIX) :])
        except ValueError:
            return 0
    return issued  # a ticket plone.session made at the login itself


def enforce(plugin, request, now=None):
    """Apply the timeouts to this request's cookie and token (once per request)."""
    other = getattr(request, "other", None)
    done = DONE + "/".join(plugin.getPhysicalPath())  # site's plugin, then root's
    if other is None or other.get(done):
        return
    other[done] = True
    if getSite() is None:
        return  # the Zope root outside any site: no settings to apply
    now = int(now or time.time())
    cache = {}
    acl_users = compat.pas_of(plugin)
    session = getattr(acl_users, "session", None)
    if session is not None:
        enforce_cookie(session, request, now, cache)
    jwt = getattr(acl_users, "jwt_auth", None)
    if jwt is not None and jwt.store_tokens:
        enforce_token(plugin, jwt, request, now, cache)


def enforce_cookie(session, request, now, cache):
    name = session.getProperty("cookie_name")
    raw = request.cookies.get(name)
    if not raw:
        return
    try:
        ticket = binascii.a2b_base64(raw)
    except (binascii.Error, TypeError, ValueError):
        return
    data = compat.validate_session_ticket(session, ticket)
    if data is None:
        return  # not a valid ticket: plone.session refuses it anyway
    _digest, userid, tokens, user_data, issued = data
    started = login_time(user_data, issued)
    idle = idle_seconds(userid, cache)
    if now - started > setting(MAX):
        end_cookie(session, request, name, MSG_MAX)
    elif now - issued > idle:
        end_cookie(session, request, name, MSG_IDLE)
    elif now - issued >= refresh_after(idle):
        compat.start_session(
            session, userid, request.response, tokens, f"{LOGIN_PREFIX}{started}"
        )


def end_cookie(session, request, name, message):
    for mapping in (request.cookies, getattr(request, "taintedcookies", {})):
        mapping.pop(name, None)
    request.other.pop(name, None)
    request.response.expireCookie(name, path=session.getProperty("path") or "/")
    IStatusMessage(request).add(message, type="info")


def token_key(token):
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def activity(plugin):
    if getattr(plugin, "token_activity", None) is None:
        plugin.token_activity = OOBTree()
    return plugin.token_activity


def enforce_token(plugin, jwt, request, now, cache):
    auth = compat.authorization_header(request)
    if not isinstance(auth, str) or auth[:7].lower() != "bearer ":
        return
    token = auth.split()[-1]
    result = jwt.authenticateCredentials({"extractor": jwt.getId(), "token": token})
    if not result:
        return
    userid = result[0]
    issued = compat.jwt_issued(jwt, userid, token)
    if issued is None:
        return
    key = token_key(token)
    seen = getattr(plugin, "token_activity", None) or {}
    last = max(issued, seen.get(key, issued))
    idle = idle_seconds(userid, cache)
    if now - issued > setting(MAX) or now - last > idle:
        compat.ignore_authorization(request)
        storage.write(jwt, lambda obj: obj.delete_token(token))
        storage.write(plugin, lambda obj: activity(obj).pop(key, None))
    elif now - last >= refresh_after(idle):
        storage.write(plugin, lambda obj: note_use(obj, key, now))


def note_use(plugin, key, now):
    table = activity(plugin)
    table[key] = now
    oldest = now - setting(MAX)
    stale = [k for k, last in table.items() if last < oldest]
    for k in stale[:50]:
        del table[k]


def apply_timeouts(portal):
    """plone.session's ``timeout`` (longest idle time) and plone.restapi's
    ``token_timeout`` (absolute time) follow the settings."""
    acl_users = portal.acl_users
    session = getattr(acl_users, "session", None)
    if session is not None:
        longest = max(setting(name) for name in NAMES)
        if session.getProperty("timeout") != longest:
            session.manage_changeProperties(timeout=longest)
    jwt = getattr(acl_users, "jwt_auth", None)
    if jwt is not None and jwt.token_timeout != setting(MAX):
        jwt.token_timeout = setting(MAX)


def settings_changed(event):
    """Subscriber: a ``kanzlei.akte.session_*`` record was changed."""
    name = getattr(event.record, "__name__", "") or ""
    if not name.startswith("kanzlei.akte.session_"):
        return
    try:
        portal = api.portal.get()
    except api.exc.CannotGetPortalError:
        return  # a registry outside a site
    apply_timeouts(portal)
