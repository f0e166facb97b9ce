"""A real clamd for the virus-scan tests, with a signature database of its own.

The official databases cannot be downloaded here (and CI needs none): the database is
one ``.hdb`` line, the MD5 and size of the 68-byte EICAR test file. clamd runs in the
foreground on a unix socket in a temporary directory for the whole session.
"""

from kanzlei.akte.uploads import clamav

import hashlib
import pytest
import shutil
import subprocess
import tempfile
import time


CLAMD = "/usr/sbin/clamd"
# the EICAR anti-virus test file (harmless; every scanner reports it)
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"


def write_config(directory):
    database = directory / "db"
    database.mkdir()
    (database / "eicar.hdb").write_text(
        f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:{SIGNATURE}\n"
    )
    socket_path = directory / "clamd.sock"
    config = directory / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {socket_path}",
                f"DatabaseDirectory {database}",
                f"LogFile {directory / 'clamd.log'}",
                f"PidFile {directory / 'clamd.pid'}",
                f"TemporaryDirectory {directory}",
                "Foreground yes",
                "StreamMaxLength 110M",
                "",
            ]
        )
    )
    return config, str(socket_path)


def wait_for(socket_path, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "clamd stopped while starting"
        try:
            if clamav.command(socket_path, "PING") == "PONG":
                return
        except clamav.ScannerUnavailable:
            pass
        time.sleep(0.1)
    raise AssertionError("clamd did not answer PING")


class Clamd:
    """The test clamd: ``address`` for AKTE_CLAMD; ``stop()`` / ``start()``."""

    def __init__(self, directory):
        from pathlib import Path

        self.directory = Path(directory)
        self.config, self.address = write_config(self.directory)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [CLAMD, "--config-file", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.address, self.process)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def running(self):
        return self.process is not None and self.process.poll() is None


@pytest.fixture(scope="session")
def clamd_server():
    # a short path: a unix socket's path has at most 107 bytes
    directory = tempfile.mkdtemp(prefix="akte-clamd-")
    server = Clamd(directory)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def clamd(clamd_server, monkeypatch):
    """clamd running and configured (AKTE_CLAMD) for this test."""
    if not clamd_server.running():
        clamd_server.start()
    monkeypatch.setenv("AKTE_CLAMD", clamd_server.address)
    return clamd_server
