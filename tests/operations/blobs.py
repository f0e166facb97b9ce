"""Blobs written and read straight through a ZODB database (backup tests without
Plone): one blob per name in the root."""

from ZODB.blob import Blob

import hashlib
import secrets
import transaction


def store(db, name):
    """Commit one blob under ``name``; its SHA-256."""
    data = secrets.token_bytes(20_000 + secrets.randbelow(50_000))
    connection = db.open()
    try:
        blob = Blob()
        with blob.open("w") as out:
            out.write(data)
        connection.root()[name] = blob
        transaction.commit()
    finally:
        transaction.abort()
        connection.close()
    return hashlib.sha256(data).hexdigest()


def stored(db):
    """{name: SHA-256} of every blob in the root."""
    connection = db.open()
    try:
        found = {}
        for name, blob in connection.root().items():
            with blob.open() as data:
                found[name] = hashlib.sha256(data.read()).hexdigest()
        return found
    finally:
        connection.close()
