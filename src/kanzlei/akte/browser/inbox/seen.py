"""Which client uploads and messages the firm has seen (a BTree in a site annotation).

uid -> (userid, datetime). Only the firm's inbox uses it; checking a uid is O(log n).
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from kanzlei.akte.annotations import site_data


KEY = "kanzlei.akte.inbox.seen"


def storage(portal, create=False):
    return site_data(KEY, OOBTree if create else None, portal)


def is_seen(portal, uid):
    tree = storage(portal)
    return tree is not None and uid in tree


def mark_seen(portal, uids, userid):
    tree = storage(portal, create=True)
    stamp = datetime.now(UTC)
    for uid in uids:
        if uid not in tree:
            tree[uid] = (userid, stamp)


def seen_by(portal, uid):
    tree = storage(portal)
    return tree.get(uid) if tree is not None else None
