"""Backup and restore on RelStorage (issue 13 §4): ``instance/backup.sh`` with
``AKTE_RELSTORAGE_DSN`` dumps with ``pg_dump`` and restores with ``pg_restore``.

A throw-away PostgreSQL (``servers.PostgreSQL``) on a free port. The database is
written through RelStorage with the instance's storage settings (history-free, blobs
in PostgreSQL), in this process and without Plone: the instance on RelStorage is the
scale-out test's part.
A writer commits blobs while the dump runs; after the restore every blob committed
before the backup started is there with its checksum, later ones are not; after
``backup.sh pack`` (``zodbpack``) too.
"""

from kanzlei.akte.instance.backup import RELSTORAGE_SECTION
from tests.instance.running import environment
from tests.instance.running import REPO
from tests.operations.blobs import store
from tests.operations.blobs import stored
from tests.operations.commands import backup_sh
from tests.operations.servers import PostgreSQL

import pytest
import shutil
import threading
import time
import ZODB.config


# the storage as backup.sh's zodbpack sees it (the instance's settings)
DB_CONF = "%import relstorage\n<zodb>\n" + RELSTORAGE_SECTION + "</zodb>\n"


@pytest.fixture(scope="module")
def postgres():
    """A throw-away PostgreSQL cluster: its DSN for database ``akte``."""
    server = PostgreSQL().start()
    try:
        yield server.dsn
    finally:
        server.stop()


def open_db(dsn, cache):
    return ZODB.config.databaseFromString(DB_CONF.format(blob_dir=cache, dsn=dsn))


def test_pg_dump_while_writing_restores_everything_committed_before(postgres, tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "instance").mkdir(parents=True)
    shutil.copy2(REPO / "instance" / "backup.sh", checkout / "instance")
    (checkout / ".venv").symlink_to(REPO / ".venv")
    env = environment(AKTE_RELSTORAGE_DSN=postgres, AKTE_VAR=tmp_path / "var")
    backups = tmp_path / "sicherung"

    db = open_db(postgres, tmp_path / "cache-1")
    committed, stop = {}, threading.Event()

    def writer():
        number = 0
        while not stop.is_set():
            number += 1
            committed[f"dok-{number}"] = store(db, f"dok-{number}")

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(committed) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = dict(committed)
        out = backup_sh(checkout, env, "backup", backups)
        time.sleep(0.5)
    finally:
        stop.set()
        thread.join(60)
    later = store(db, "nach-der-sicherung")
    db.close()
    assert "PostgreSQL gesichert / dumped" in out, out
    assert len(before) >= 3, before
    [dump] = (backups / "relstorage").glob("*.dump")

    out = backup_sh(checkout, env, "restore", backups)
    assert "PostgreSQL wiederhergestellt" in out, out
    db = open_db(postgres, tmp_path / "cache-2")  # an empty blob cache: from PostgreSQL
    try:
        found = stored(db)
    finally:
        db.close()
    for name, checksum in before.items():
        assert found.get(name) == checksum, name
    for name, checksum in found.items():
        assert committed.get(name) == checksum, name  # whole, or not there
    assert "nach-der-sicherung" not in found and later

    # pack (zodbpack with backup.sh's configuration): the restored data stay
    out = backup_sh(checkout, env, "pack", "--days", "0")
    assert "gepackt / packed" in out, out
    db = open_db(postgres, tmp_path / "cache-3")
    try:
        assert stored(db) == found
    finally:
        db.close()
