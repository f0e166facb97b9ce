"""Which documents and messages each user has opened, and when.

Kept per user at the site (one annotation on the portal): ``userid -> OOBTree(uid ->
datetime)``. A listing needs only the current user's tree and catalog brains, never the
content objects. Writes happen only when something is actually opened (a download, a
preview, a ZIP, a message thread shown with unread messages), never on a plain page
view; two users (or two tabs) writing at once touch different BTree keys, which the
BTree conflict resolution merges.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from kanzlei.akte.annotations import site_data
from plone import api
from plone.protect.utils import safeWrite


KEY = "kanzlei.akte.readstate"


def root_tree(create=False):
    return site_data(KEY, OOBTree if create else None)


def opened(userid):
    """uid -> datetime of everything this user opened (read only, may be empty)."""
    root = root_tree()
    if root is None:
        return {}
    return root.get(userid) or {}


def opened_at(userid, uid):
    return opened(userid).get(uid)


def mark_opened(userid, uids, request=None):
    """Record that ``userid`` opened ``uids`` now; writes only what is new."""
    uids = [uid for uid in uids if uid]
    if not userid or not uids:
        return 0
    current = opened(userid)
    fresh = [uid for uid in uids if uid not in current]
    if not fresh:
        return 0
    root = root_tree(create=True)
    tree = root.get(userid)
    if tree is None:
        tree = root[userid] = OOBTree()
    now = datetime.now()
    for uid in fresh:
        tree[uid] = now
    # Opening or downloading a document is a GET that marks it read for this user:
    # only these read-state objects are allowed to change, nothing else the GET does.
    if request is not None:
        safeWrite(root, request)
        safeWrite(tree, request)
        annotations = getattr(api.portal.get(), "__annotations__", None)
        if annotations is not None and getattr(annotations, "_p_oid", None):
            safeWrite(annotations, request)
    return len(fresh)


def forget(userid):
    """Remove a user's read state (the account was deleted)."""
    root = root_tree()
    if root is not None and userid in root:
        del root[userid]


def is_new(userid, brain, read=None):
    """New for a user: neither added nor ever opened by them."""
    read = opened(userid) if read is None else read
    if brain.UID in read:
        return False
    author = getattr(brain, "added_by", None) or getattr(brain, "author", None)
    return author != userid
