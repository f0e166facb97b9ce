"""The persistent queue of pending notifications (a BTree in a site annotation).

A rule action adds entries in the transaction of the change that caused them: an aborted
or retried transaction (ConflictError) leaves nothing behind, and a committed one leaves
exactly one entry per recipient and item (the key), whatever rules fired. Entries stay
until the MailHost accepted the mail (see ``sender``), so a restart or an SMTP outage
loses nothing.

Key: ``(email, kind, item_uid)``; value: a plain dict (replaced, never mutated, so
concurrent changes of different keys resolve in the BTree's conflict resolution).
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.interface import implementer
from zope.interface import Interface

import transaction


KEY = "kanzlei.akte.mail.queue"

FOR_CLIENT = "mandant"  # a new document of the firm, to a client
FOR_FIRM = "kanzlei"  # a client's upload or message, to the firm


def now():
    return datetime.now(UTC)


def storage(portal, create=True):
    annotations = IAnnotations(portal)
    tree = annotations.get(KEY)
    if tree is None and create:
        tree = annotations[KEY] = OOBTree()
    return tree


def enqueue(portal, kind, email, item_uid, **data):
    """Add one pending notification; a second one for the same key is ignored."""
    email = email.strip().lower()
    key = (email, kind, item_uid)
    tree = storage(portal)
    if key in tree:
        return False
    entry = {
        "kind": kind,
        "email": email,
        "item_uid": item_uid,
        "created": now(),
        "attempts": 0,
        "not_before": None,
        "claim": None,
    }
    entry.update(data)
    tree[key] = entry
    _poke_after_commit()
    return True


def entries(portal):
    tree = storage(portal, create=False)
    return list(tree.items()) if tree is not None else []


def replace(portal, key, **changes):
    tree = storage(portal)
    entry = tree.get(key)
    if entry is None:
        return
    entry = dict(entry)
    entry.update(changes)
    tree[key] = entry


def remove(portal, key):
    tree = storage(portal, create=False)
    if tree is not None and key in tree:
        del tree[key]


class INotificationsQueued(Interface):
    """Notifications were queued and committed (the clock subscribes)."""


@implementer(INotificationsQueued)
class NotificationsQueued:
    pass


def _poke_after_commit():
    """Tell the instance's clock after commit (it need not wait for its next beat)."""

    def poke(success):
        if success:
            notify(NotificationsQueued())

    txn = transaction.get()
    try:
        txn.data(_POKE)
    except KeyError:
        txn.set_data(_POKE, True)
        txn.addAfterCommitHook(poke)


_POKE = object()
