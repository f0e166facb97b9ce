"""Which client uploads and messages the firm has seen (a BTree in a site annotation).

uid -> (userid, datetime). Only the firm's inbox uses it; checking a uid is O(log n).
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from zope.annotation.interfaces import IAnnotations


KEY = "kanzlei.akte.inbox.seen"


def _storage(portal, create=False):
    annotations = IAnnotations(portal)
    tree = annotations.get(KEY)
    if tree is None and create:
        tree = annotations[KEY] = OOBTree()
    return tree


def is_seen(portal, uid):
    tree = _storage(portal)
    return tree is not None and uid in tree


def mark_seen(portal, uids, userid):
    tree = _storage(portal, create=True)
    stamp = datetime.now(UTC)
    for uid in uids:
        if uid not in tree:
            tree[uid] = (userid, stamp)


def seen_by(portal, uid):
    tree = _storage(portal)
    return tree.get(uid) if tree is not None else None
