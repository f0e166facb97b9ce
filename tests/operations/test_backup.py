"""Backup and restore (issue 13 §4) and the production start (§2), end to end.

One instance (``instance/start.sh``, demo content, FileStorage) takes uploads from
three clients' threads over HTTP while ``instance/backup.sh backup`` runs, twice (a
full and an incremental repozo backup plus the new blob files). The backup is restored
into an empty directory and a second instance is started on it in production mode
(``AKTE_MODE=production``): every document acknowledged before the second backup
started opens with its SHA-256; a document committed later is whole or absent. Then
``backup.sh pack`` packs the restored database through that running instance and the
documents still open.
"""

from tests.conftest import free_port
from tests.conftest import start_sink
from tests.instance.running import environment
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.instance.running import START_TIMEOUT
from tests.instance.test_faults import CLIENTS
from tests.instance.test_faults import Portal
from tests.instance.test_faults import small_uploads
from tests.operations.commands import backup_sh as run_backup_sh

import pytest
import shutil
import subprocess
import threading
import time


pytestmark = pytest.mark.timeout(2 * START_TIMEOUT + 300)
PUBLIC_URL = "https://akte.kanzlei-beispiel.de"
BEFORE_BACKUP = 4  # uploads answered before each backup starts


def with_backup_sh(checkout):
    """tests.instance.running.make_checkout's copy, plus instance/backup.sh."""
    shutil.copy2(REPO / "instance" / "backup.sh", checkout / "instance" / "backup.sh")
    return checkout


def started(portal):
    with_backup_sh(portal.checkout)
    portal.start()
    return portal


def backup_sh(portal, *args, **env):
    """``instance/backup.sh`` with the portal's environment (plus ``env``)."""
    changed = {key: str(value) for key, value in env.items()}
    return run_backup_sh(portal.checkout, {**portal.env, **changed}, *args)


def uploads_during(portal, action):
    """Run ``action`` while each client uploads into its mandates in a thread;
    the uploads acknowledged before ``action`` started, and all of them."""
    stop = threading.Event()
    results = []
    threads = [
        threading.Thread(
            target=small_uploads,
            args=(
                portal,
                login,
                mandate,
                f"b-{login}-{n}-{time.time_ns()}",
                results,
                stop,
            ),
        )
        for n, login in enumerate(CLIENTS + CLIENTS[:1])
        for mandate in portal.clients[login][1][:1]
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    while len(results) < BEFORE_BACKUP and time.monotonic() < deadline:
        time.sleep(0.1)  # some uploads are acknowledged, others are committing
    before = list(results)
    output = action()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(150)
    acknowledged = {}
    for response, filename in before:
        portal.acknowledge(response, filename)
        uid = response.json()["documents"][0]["uid"]
        acknowledged[uid] = portal.sent[filename]
    for response, filename in results[len(before) :]:
        if response.status_code == 200:
            portal.acknowledge(response, filename)
    return acknowledged, len(results), output


@pytest.fixture(scope="module")
def sink():
    sink = start_sink()
    yield sink
    sink.controller.stop()


def test_backup_while_uploading_restores_every_acknowledged_document(
    tmp_path_factory, sink
):
    tmp = tmp_path_factory.mktemp("backup")
    backups = tmp / "sicherung"
    original = Portal(tmp / "original", sink)
    restored = None
    try:
        started(original)
        t0 = time.monotonic()
        first, total, out = uploads_during(
            original, lambda: backup_sh(original, "backup", backups)
        )
        assert "Data.fs gesichert (repozo)" in out, out
        second, total2, out = uploads_during(
            original, lambda: backup_sh(original, "backup", backups)
        )
        print(
            f"two backups during {total + total2} uploads: "
            f"{time.monotonic() - t0:.0f} s"
        )
        assert len(first) >= BEFORE_BACKUP <= len(second), (len(first), len(second))
        repository = sorted(p.suffix for p in (backups / "filestorage").iterdir())
        assert ".fs" in repository and ".deltafs" in repository, repository
        assert any((backups / "blobstorage").rglob("*.blob"))
        everything_sent = dict(original.sent)
        original.stop()

        # --- restore into an empty directory, start in production mode -------
        restored = Portal(tmp / "restored", sink)
        with_backup_sh(restored.checkout)
        restored.demo_password = original.demo_password
        restored.env.update(
            AKTE_VAR=str(tmp / "restored" / "var"),
            AKTE_PORT=str(restored.port),
            AKTE_MODE="production",
            AKTE_DEMO="0",
            AKTE_PUBLIC_URL=PUBLIC_URL,
            AKTE_TRUSTED_PROXIES="127.0.0.1",
        )
        out = backup_sh(restored, "restore", backups)
        assert "wiederhergestellt / restored" in out, out
        restored.sent = everything_sent
        restored.acknowledged = {**first, **second}
        started(restored)
        output = restored.instance.output()
        assert "Plone-Site 'kanzlei' vorhanden, Daten bleiben" in output
        assert f"Öffentliche Adresse / public address: {PUBLIC_URL}" in output
        assert "Anmelde-Cookie nur über HTTPS" in output
        assert restored.password not in output  # never printed
        assert "Demo-Zugänge" not in output
        record = restored.get("@registry/kanzlei.akte.mail.public_url", restored.admin)
        assert record == PUBLIC_URL
        documents = restored.assert_nothing_lost()
        assert set(restored.acknowledged) <= set(documents)

        # --- pack (once), through the running instance -----------------------
        data_fs = tmp / "restored" / "var" / "filestorage" / "Data.fs"
        size = data_fs.stat().st_size
        out = backup_sh(restored, "pack", "--days", "0")
        assert "gepackt / packed" in out, out
        assert data_fs.with_suffix(".fs.old").exists()
        assert data_fs.stat().st_size < size
        assert restored.assert_nothing_lost() == documents
        restored.stop()
    finally:
        for portal in (original, restored):
            if portal is not None and portal.instance is not None:
                portal.instance.kill()


def test_restore_refuses_to_overwrite_a_database(tmp_path):
    checkout = with_backup_sh(make_checkout(tmp_path))
    var = tmp_path / "var"
    (var / "filestorage").mkdir(parents=True)
    (var / "filestorage" / "Data.fs").write_bytes(b"FS21")
    (tmp_path / "sicherung").mkdir()
    result = subprocess.run(
        [str(checkout / "instance" / "backup.sh"), "restore", tmp_path / "sicherung"],
        cwd=checkout,
        env=environment(AKTE_VAR=var, AKTE_PORT=free_port()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "gibt es schon" in result.stderr and "exists already" in result.stderr
    assert "Traceback" not in result.stderr
    assert (var / "filestorage" / "Data.fs").read_bytes() == b"FS21"
