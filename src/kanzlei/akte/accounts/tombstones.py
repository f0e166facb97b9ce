"""User ids that belonged to a deleted account: never given to anyone else.

Links, local roles, read state, preferences and the audit trail all name a user by
id. A new person who got a deleted user's id would inherit whatever a missed
reference still grants, so a deleted id is kept here (normalized, in a site
annotation) and every way of creating a user refuses it (the PAS plugin's
``doAddUser`` and the registration page's username check).
"""

from BTrees.OOBTree import OOTreeSet
from kanzlei.akte.accounts.names import normalize
from kanzlei.akte.annotations import site_data


KEY = "kanzlei.akte.accounts.tombstones"


def storage(portal=None, create=False):
    return site_data(KEY, OOTreeSet if create else None, portal)


def bury(userid, portal=None):
    if userid:
        storage(portal, create=True).insert(normalize(userid))


def is_buried(userid, portal=None):
    tree = storage(portal)
    return bool(tree is not None and userid and normalize(userid) in tree)
