"""Deleting a portal account removes every trace of it, whoever deletes it.

Plone's user management (``@@usergroup-userprefs``), ``DELETE @users/<id>``, the ZMI
of PAS and our staff button "Zugang löschen" all end in PAS deleting the user, which
notifies ``IPrincipalDeletedEvent``. Then the user is unlinked from every Mandant
(security reindexed, so the computed role ``Mandant`` is gone at once), their
notification preferences, read state, open password-reset links, sessions, JWTs
and API tokens are removed, and the id is buried (``tombstones``): it is never given
to another person.
"""

from kanzlei.akte import logger
from kanzlei.akte import readstate
from kanzlei.akte.accounts import links
from kanzlei.akte.accounts import tombstones
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.mail import preferences
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas import revocation
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.lookup import get_token_plugin
from plone import api


def forget_account(userid, portal=None):
    """Remove everything the portal keeps of ``userid`` (the user is already gone)."""
    portal = portal if portal is not None else api.portal.get()
    for mandant in links.mandanten_for_user(userid):
        links.unlink_user(mandant, userid)
    preferences.remove_preference(userid)
    readstate.forget(userid)
    compat.forget_reset_requests(api.portal.get_tool("portal_password_reset"), userid)
    revocation.revoke(userid, portal, keep_current=False)
    tokens = get_token_plugin(portal)
    if tokens is not None:
        tokens.revoke_tokens_of(userid)
    plugin = get_plugin(portal)
    if plugin is not None:
        lockout.clear(plugin, userid)
    tombstones.bury(userid, portal)
    logger.info("Account %r deleted: links, preferences, sessions removed", userid)


def on_principal_deleted(event):
    """Subscriber of PAS' ``IPrincipalDeletedEvent`` (``event.principal`` is the id)."""
    userid = event.principal
    if not isinstance(userid, str):
        userid = getattr(userid, "getId", lambda: None)()
    try:
        portal = api.portal.get()
    except api.exc.CannotGetPortalError:
        return  # a Zope root user
    if not userid or get_plugin(portal) is None:
        return  # kanzlei.akte is not installed in this site
    forget_account(userid, portal)


def remove_from_mandant(mandant, userid):
    """Staff action "Zugang löschen" on a Mandant: the user loses this Mandant; a
    login linked to no other Mandant is deleted (the subscriber cleans up).
    Never deletes a staff account."""
    links.unlink_user(mandant, userid)
    revocation.revoke(userid, keep_current=False)
    if links.mandanten_for_user(userid):
        return False
    user = api.user.get(userid=userid)
    if user is None or is_staff(user=user):
        return False
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(user=user)
    return True
