"""The integration inbox: what clients uploaded and wrote, in the order it arrived.

One site annotation holds ``entries`` (sequence number -> UID; the sequence number is
the cursor) and ``fetched`` (UID -> when the firm's software marked it as fetched).
A subscriber appends every Dokument and Nachricht a client adds; readers skip what
was deleted since.
"""

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from datetime import datetime
from kanzlei.akte.annotations import site_data
from kanzlei.akte.content.dokument import is_client_user
from persistent import Persistent
from plone import api


KEY = "kanzlei.akte.inbox"


class Inbox(Persistent):
    def __init__(self):
        self.entries = IOBTree()
        self.fetched = OOBTree()

    def append(self, uid):
        seq = (self.entries.maxKey() + 1) if len(self.entries) else 1
        self.entries[seq] = uid
        return seq

    def after(self, cursor):
        """(seq, uid) after the cursor, oldest first."""
        return self.entries.items(min=cursor + 1) if len(self.entries) else ()

    def mark_fetched(self, uids):
        now = datetime.now()
        fresh = [uid for uid in uids if uid not in self.fetched]
        for uid in fresh:
            self.fetched[uid] = now
        return len(fresh)


def get_inbox(create=False):
    return site_data(KEY, Inbox if create else None)


def on_added(obj, event):
    """A client added a document or a message: it goes into the firm's inbox."""
    if api.user.is_anonymous() or not is_client_user(obj):
        return
    get_inbox(create=True).append(api.content.get_uuid(obj))
