"""A signed session cookie for Zope root accounts (``admin``) logging in to a site.

The Zope root's user folder answered a login through the site's form with PAS's
``CookieAuthHelper``: an ``__ac`` cookie holding ``login:password`` in base64,
without ``HttpOnly``, that no logout can revoke. Our root plugin
(``install.install_root_plugin``) takes that over: as ``ICredentialsUpdatePlugin``
it has the *site's* plone.session plugin sign a ticket for the root account (the
same cookie, flags, keyring and timeouts as every other account of that site), as
``IExtractionPlugin`` and ``IAuthenticationPlugin`` it accepts such a ticket for an
account of the root folder. The ticket is valid in the site that issued it; the
ZMI at the Zope root (no site, no keyring) asks for HTTP Basic auth.
"""

from AccessControl.SecurityManagement import getSecurityManager
from kanzlei.akte.pas import compat
from zope.component.hooks import getSite

import binascii


TICKET = "kanzlei_akte_root_ticket"


def site_session():
    """The plone.session plugin of the site this request is in (or None)."""
    site_users = getattr(getSite(), "acl_users", None)
    return getattr(site_users, "session", None)


def extract(request):
    session = site_session()
    if session is None:
        return {}
    raw = request.cookies.get(session.getProperty("cookie_name"))
    if not raw:
        return {}
    try:
        return {TICKET: binascii.a2b_base64(raw)}
    except (binascii.Error, TypeError, ValueError):
        return {}


def authenticate(plugin, credentials):
    """(userid, login) for a valid ticket of an account of the root folder."""
    session = site_session()
    if session is None:
        return None
    data = compat.validate_session_ticket(session, credentials[TICKET])
    if data is None:
        return None
    userid = data[1]
    source = plugin.source()
    found = source.enumerateUsers(id=userid, exact_match=True) if source else ()
    if not found:
        return None
    return userid, found[0]["login"]


def update(plugin, response, login):
    """After a password login of a root account: the site's signed cookie."""
    session = site_session()
    userid = plugin.userid_for_login(login)
    if session is None or userid is None:
        return
    current = getSecurityManager().getUser()
    if current is None or current.getId() != userid:
        return  # never log someone in as another user (as plone.session)
    compat.start_session(session, userid, response)
