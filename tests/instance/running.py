"""A real instance, started as ``make start`` starts it: ``instance/start.sh`` from a
throw-away copy of the checkout's instance/ (see test_start.py), in its own process
group, with its output in a file."""

from pathlib import Path

import contextlib
import os
import requests
import shutil
import signal
import socket
import subprocess
import time


REPO = Path(__file__).resolve().parents[2]
# First start: renders etc/, creates the site with the distribution and demo content.
# On CI (two slow, shared cores) this takes minutes; raise it there if needed.
START_TIMEOUT = float(os.environ.get("AKTE_TEST_START_TIMEOUT", "300"))
STOP_TIMEOUT = 60
SITE = "kanzlei"
READY = "Beenden / stop: Strg+C / Ctrl+C"
CLOCK_RUNS = "Benachrichtigungs-Uhr läuft"


def make_checkout(tmp_path):
    root = tmp_path / "checkout"
    (root / "instance").mkdir(parents=True)
    for name in ("start.sh", "setup_site.py", "zeo.sh"):
        shutil.copy2(REPO / "instance" / name, root / "instance" / name)
    shutil.copytree(REPO / "instance" / "templates", root / "instance" / "templates")
    (root / ".venv").symlink_to(REPO / ".venv")
    return root


def environment(**values):
    """The caller's environment without any AKTE_* of the developer, plus ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKTE_")}
    env.update({key: str(value) for key, value in values.items()})
    return env


class Instance:
    """``instance/start.sh`` in its own process group, output into a file."""

    def __init__(self, checkout, env, log):
        self.log = log
        self.port = int(env["AKTE_PORT"])
        self.url = f"http://localhost:{self.port}"
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [str(checkout / "instance" / "start.sh")],
                cwd=checkout,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pgid = self.process.pid
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy for localhost

    def output(self):
        return self.log.read_text(errors="replace")

    def fail(self, message):
        raise AssertionError(f"{message}\n--- output of start.sh ---\n{self.output()}")

    def wait_until_ready(self, timeout=START_TIMEOUT):
        """Until the server answers and start.sh has printed the login data."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"start.sh ended early with {self.process.returncode}")
            if READY in self.output():
                try:
                    self.http.head(self.url + "/", timeout=10)
                except requests.ConnectionError:
                    pass
                else:
                    return
            time.sleep(1)
        self.fail(f"no answer on {self.url} after {timeout:.0f} s")

    def stop(self):
        """SIGTERM to the group (as systemd or Ctrl+C would); the exit status."""
        os.killpg(self.pgid, signal.SIGTERM)
        try:
            return self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail(f"still running {STOP_TIMEOUT} s after SIGTERM")

    def kill(self):
        """Whatever is left of the group (always, in a finally)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(30)
        self.http.close()

    def login(self, login, password):
        response = self.http.post(
            f"{self.url}/{SITE}/@login",
            json={"login": login, "password": password},
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert response.status_code == 200, (login, response.text)
        # only the token authenticates: a login cookie would make POSTs subject
        # to plone.protect's CSRF check (aborted without an authenticator)
        self.http.cookies.clear()
        return {
            "Authorization": f"Bearer {response.json()['token']}",
            "Accept": "application/json",
        }


def demo_logins(output):
    """The lines under "Demo-Zugänge / demo logins:" (up to the next empty line)."""
    block = output.split("Demo-Zugänge / demo logins:\n", 1)[1]
    return block.split("\n\n", 1)[0].splitlines()


def assert_clean_shutdown(output):
    after_start = output.split(READY, 1)[1]
    assert "Error saving index" not in after_start, after_start
    assert "KeyboardInterrupt" not in after_start, after_start


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for_port(port, process, log=None, what="zeo.sh", timeout=60):
    """Until something accepts connections on 127.0.0.1:port; fails (with the output
    in ``log``, if given) when ``process`` ends first or nothing listens in time."""

    def output():
        return f":\n{Path(log).read_text(errors='replace')}" if log else ""

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what} ended early{output()}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1),
        ):
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: nothing listening on {port}{output()}")
