"""Backup and pack on ZEO (issue 13 §4): on the ZEO server's machine ``backup.sh``
runs with the server's environment (``AKTE_VAR`` of ``instance/zeo.sh``).

``instance/zeo.sh`` serves a temporary ``AKTE_VAR``; this process writes blobs through
ZEO while ``backup.sh backup`` runs (repozo on the served Data.fs plus the blob files),
then ``backup.sh pack`` (``zeopack``) packs through the server. The backup is restored
into an empty directory and opened as a plain FileStorage: every blob committed before
the backup started is there with its checksum.
"""

from tests.conftest import free_port
from tests.instance.running import environment
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.operations.commands import backup_sh
from tests.operations.test_backup_relstorage import store
from tests.operations.test_backup_relstorage import stored

import contextlib
import shutil
import signal
import socket
import subprocess
import threading
import time
import ZEO
import ZODB
import ZODB.blob
import ZODB.FileStorage


def wait_for(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "zeo.sh ended early"
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1),
        ):
            return
        time.sleep(0.2)
    raise AssertionError(f"no ZEO server on {port}")


def test_backup_and_pack_while_zeo_serves(tmp_path):
    checkout = make_checkout(tmp_path)
    shutil.copy2(REPO / "instance" / "backup.sh", checkout / "instance")
    port = free_port()
    env = environment(AKTE_VAR=tmp_path / "var", AKTE_ZEO_ADDRESS=f"127.0.0.1:{port}")
    log = open(tmp_path / "zeo.log", "wb")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(
        [checkout / "instance" / "zeo.sh"],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    committed, stop = {}, threading.Event()
    try:
        wait_for(port, server)
        db = ZEO.DB(("127.0.0.1", port), blob_dir=str(tmp_path / "blobcache"))

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
            out = backup_sh(checkout, env, "backup", tmp_path / "sicherung")
        finally:
            stop.set()
            thread.join(60)
        assert "Data.fs gesichert (repozo)" in out, out
        out = backup_sh(checkout, env, "pack", "--days", "0")
        assert "gepackt / packed" in out, out
        assert stored(db) == committed  # packing keeps what is reachable
        db.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0, (tmp_path / "zeo.log").read_text()
        log.close()
    assert (tmp_path / "var" / "filestorage" / "Data.fs.old").exists()  # packed

    restored = environment(AKTE_VAR=tmp_path / "restored")
    backup_sh(checkout, restored, "restore", tmp_path / "sicherung")
    storage = ZODB.FileStorage.FileStorage(
        str(tmp_path / "restored" / "filestorage" / "Data.fs"),
        blob_dir=str(tmp_path / "restored" / "blobstorage"),
        read_only=True,
    )
    db = ZODB.DB(storage)
    try:
        found = stored(db)
    finally:
        db.close()
    assert len(before) >= 3
    for name, checksum in before.items():
        assert found.get(name) == checksum, name
    for name, checksum in found.items():
        assert committed.get(name) == checksum, name
