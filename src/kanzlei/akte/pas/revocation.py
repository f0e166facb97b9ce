"""End a user's sessions and REST tokens (after password change/reset, disabling,
logout, deletion).

- plone.session: the site uses a keyring per user (``per_user_keyring``). Replacing
  the user's keyring invalidates every ``__ac`` cookie signed with the old one.
- plone.restapi JWT: tokens are stored per user (``store_tokens``); deleting the
  user's stored tokens makes every earlier token fail.

The browser that made the change keeps working (``keep_current``): a fresh cookie.
"""

from AccessControl.SecurityManagement import getSecurityManager
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas.lookup import get_plugin
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from plone.protect.interfaces import IDisableCSRFProtection
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import alsoProvides

import logging


logger = logging.getLogger("kanzlei.akte.login")


def revoke(userid, portal=None, keep_current=True):
    portal = portal if portal is not None else api.portal.get()
    acl_users = portal.acl_users
    session = getattr(acl_users, "session", None)
    manager = queryUtility(IKeyManager)
    if session is not None and manager is not None:
        ring = compat.session_keyring_name(session, userid)
        # A fresh ring also stops cookies signed with the shared "_system" ring,
        # which plone.session falls back to when a user has no ring of their own.
        if ring in manager:
            manager.clear(ring=ring)
            manager.rotate(ring=ring)
        else:
            manager[ring] = Keyring(1)
            manager[ring].fill()
    root_users = getattr(portal.getPhysicalRoot(), "acl_users", None)
    for users in (acl_users, root_users):  # the root's JWTs: Zope root accounts
        jwt = getattr(users, "jwt_auth", None)
        if jwt is not None:
            compat.forget_jwt_tokens(jwt, userid)
    logger.info("Sessions and tokens of %r revoked", userid)
    if keep_current and session is not None:
        request = getRequest()
        current = getSecurityManager().getUser()
        if request is not None and current is not None and current.getId() == userid:
            compat.start_session(session, userid, request.response)


def credentials_updated(principal, event):
    """Subscriber: a password was set (change, reset, staff, REST)."""
    portal = api.portal.get()
    if get_plugin(portal) is None:
        return  # kanzlei.akte is not installed in this site
    userid = principal.getId()
    source = getattr(portal.acl_users, "source_users", None)
    if source is not None and compat.has_password(source, userid) and event.password:
        compat.store_password_hash(
            source, userid, hashing.hash_password(event.password)
        )
    revoke(userid, portal)


def logged_out(principal, event):
    """Subscriber: the classic logout (``/logout``) ends the user's sessions in other
    browsers (a new per-user keyring) and their REST tokens (JWT)."""
    portal = api.portal.get()
    if get_plugin(portal) is None:
        return
    userid = principal.getId() if principal is not None else None
    if not userid:
        return
    revoke(userid, portal, keep_current=False)  # other browsers and JWTs
    request = getRequest()
    if request is not None:
        # CSRF off for this request only, which is the logout itself (this runs on
        # the logout event): /logout is a GET, and ending the user's tokens and
        # sessions is its intended write, several objects at once (JWT store,
        # keyring), which plone.protect would roll back. A forged logout only logs
        # the victim out; it changes no data of anyone.
        alsoProvides(request, IDisableCSRFProtection)
    logger.info("REST tokens of %r ended at logout", userid)
