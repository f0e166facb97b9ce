"""The link between portal users and the Mandanten they belong to.

One person may be linked to several Mandanten (a private client who is also the
managing director of a company client): one login that sees both.

A Mandant keeps its users in ``portal_users`` (userid -> details). The computed local
role ``Mandant`` (localroles/provider.py) is derived from it, so unlinking, disabling or
unticking ``online_access`` ends access at once.
"""

from datetime import datetime
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject


def users_of(mandant):
    if mandant.portal_users is None:
        mandant.portal_users = PersistentMapping()
    return mandant.portal_users


def link_user(mandant, userid, kontaktperson=None):
    users_of(mandant)[userid] = PersistentMapping(
        kontaktperson=api.content.get_uuid(kontaktperson) if kontaktperson else None,
        registered=datetime.now(),
        disabled=False,
    )
    changed(mandant)


def unlink_user(mandant, userid):
    if userid in users_of(mandant):
        del mandant.portal_users[userid]
        changed(mandant)


def set_disabled(mandant, userid, disabled=True):
    users_of(mandant)[userid]["disabled"] = disabled
    changed(mandant)


def active_userids(mandant):
    """The users who hold the Mandant role on this Mandant right now."""
    if not getattr(mandant, "online_access", False):
        return []
    return [
        userid
        for userid, details in (mandant.portal_users or {}).items()
        if not details.get("disabled")
    ]


def mandanten_for_user(userid):
    """All Mandanten a user is linked to (unrestricted: for the system, not display)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Mandant", portal_users=userid
    )
    return [uuidToObject(b.UID, unrestricted=True) for b in brains]


def is_client(userid):
    return bool(mandanten_for_user(userid))


def changed(mandant):
    mandant.reindexObject(idxs=["portal_users"])
    mandant.reindexObjectSecurity()
