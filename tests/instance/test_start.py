"""instance/start.sh, run the way ``make start`` runs it (end to end, slow).

start.sh writes ``etc/`` next to itself (``instance/etc``), whatever AKTE_VAR says.
So that a developer's instance/etc and instance/var stay untouched, the script runs
from a copy of the checkout's instance/ (start.sh, setup_site.py, templates) in a
temporary directory, with ``.venv`` linked to the real one and all data in a
temporary AKTE_VAR. Ports are free ones, the mail sink's too.

The last test runs instance/zeo.sh and two instances on that ZEO server.
"""

from kanzlei.akte.mail import zconsole_tick
from tests.conftest import free_port
from tests.instance.running import assert_clean_shutdown
from tests.instance.running import CLOCK_RUNS
from tests.instance.running import demo_logins
from tests.instance.running import environment
from tests.instance.running import group_alive
from tests.instance.running import Instance
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.instance.running import SITE
from tests.instance.running import START_TIMEOUT
from tests.instance.running import STOP_TIMEOUT
from tests.instance.running import wait_for_port

import base64
import contextlib
import os
import pytest
import re
import secrets
import signal
import socket
import subprocess
import time


# Two starts per test at most, plus the requests: above pyproject's 300 s per test.
pytestmark = pytest.mark.timeout(2 * START_TIMEOUT + 300)


def test_start_with_invalid_port_stops_with_a_clear_message(tmp_path):
    checkout = make_checkout(tmp_path)
    var = tmp_path / "var"
    result = subprocess.run(
        [str(checkout / "instance" / "start.sh")],
        cwd=checkout,
        env=environment(AKTE_VAR=var, AKTE_PORT="80a80"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Konfigurationsfehler / configuration error" in result.stderr
    assert "AKTE_PORT='80a80'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not var.exists()


def test_start_on_a_port_in_use_stops_before_anything_else(tmp_path):
    """Not "Die Online-Akte läuft" for someone else's server, then a traceback."""
    checkout = make_checkout(tmp_path)
    var = tmp_path / "var"
    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        result = subprocess.run(
            [str(checkout / "instance" / "start.sh")],
            cwd=checkout,
            env=environment(AKTE_VAR=var, AKTE_PORT=port, AKTE_SMTP_PORT=free_port()),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1, result
    assert f"Port {port} ist belegt / is in use" in result.stderr
    assert "läuft" not in result.stdout
    assert not (var / "filestorage" / "Data.fs").exists()


def test_start_twice_keeps_the_data(tmp_path):
    checkout = make_checkout(tmp_path)
    var = tmp_path / "var"
    password = "Admin-" + secrets.token_urlsafe(12)
    settings = {
        "AKTE_VAR": var,
        "AKTE_ADMIN_PASSWORD": password,
        "AKTE_DEMO": "1",
        "AKTE_SMTP_PORT": free_port(),  # the local mail sink (no AKTE_SMTP_HOST)
    }
    started = time.monotonic()

    # --- first start: creates the site --------------------------------------
    first = Instance(
        checkout, environment(AKTE_PORT=free_port(), **settings), tmp_path / "first.log"
    )
    try:
        first.wait_until_ready()
        print(f"first start ready after {time.monotonic() - started:.0f} s")
        url, http = first.url, first.http
        out = first.output()
        assert f"Lege die Plone-Site '{SITE}' an" in out
        assert f"Plone-Site '{SITE}' angelegt / created" in out
        assert f"Die Online-Akte läuft / is running: {url}  →  {url}/{SITE}" in out
        assert f"Anmelden / log in:        {url}/{SITE}/login" in out
        assert "(aus / from AKTE_ADMIN_PASSWORD)" in out
        assert CLOCK_RUNS in out  # the notification clock started with Zope
        assert password not in out  # a given password is never printed

        # "/" leads to the site; the ZMI is not redirected
        root = http.get(url + "/", allow_redirects=False, timeout=60)
        assert root.status_code == 302
        assert root.headers["Location"] == f"{url}/{SITE}"
        manage = http.get(url + "/manage", allow_redirects=False, timeout=60)
        assert manage.status_code == 401
        page = http.get(url + "/", timeout=120)
        assert page.status_code == 200
        assert page.url == f"{url}/{SITE}"
        assert re.search(r'<html[^>]*\blang="de"', page.text), page.text[:500]

        # admin over REST; the distribution installed kanzlei.akte and its types
        admin = first.login("admin", password)
        addons = http.get(f"{url}/{SITE}/@addons", headers=admin, timeout=120)
        assert addons.status_code == 200, addons.text
        installed = {a["id"]: a["is_installed"] for a in addons.json()["items"]}
        assert installed.get("kanzlei.akte") is True
        types = http.get(f"{url}/{SITE}/@types", headers=admin, timeout=60)
        assert types.status_code == 200, types.text
        type_ids = {t["@id"].rsplit("/", 1)[-1] for t in types.json()}
        assert {"Mandant", "Mandat", "Dokument"} <= type_ids

        # demo logins are printed and work
        assert "Demo-Zugänge / demo logins:" in out
        demo = re.search(r"^  mustermann / (\S+)   Mandant: Max Mustermann$", out, re.M)
        assert demo, out
        first.login("mustermann", demo.group(1))

        # mail goes into the local sink's Maildir
        mail_new = var / "mail" / "new"
        assert f"Mails liegen als Dateien in {mail_new}" in out
        assert mail_new.is_dir()
        mails_before = set(mail_new.iterdir())
        reset = http.post(
            f"{url}/{SITE}/@users/mustermann/reset-password",
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert reset.status_code == 204, reset.text
        deadline = time.monotonic() + 60
        while set(mail_new.iterdir()) == mails_before and time.monotonic() < deadline:
            time.sleep(1)
        new_mails = set(mail_new.iterdir()) - mails_before
        assert new_mails, "no mail arrived in the local mail sink"
        assert any(
            b"max.mustermann@example.org" in path.read_bytes() for path in new_mails
        )

        # a marker for the second start
        number = "E2E-" + secrets.token_hex(4)
        created = http.post(
            f"{url}/{SITE}/mandanten",
            json={
                "@type": "Mandant",
                "title": "Erika Neustart",
                "client_number": number,
            },
            headers=admin,
            timeout=120,
        )
        assert created.status_code == 201, created.text
        marker_path = created.json()["@id"].removeprefix(url)

        # SIGTERM stops everything cleanly: the server, the mail sink, and Zope
        # closes the database (saves the index) and removes its pid file
        index = var / "filestorage" / "Data.fs.index"
        assert (var / "instance.pid").exists()
        stopped_at = time.time()
        assert first.stop() == 0, first.output()
        assert not group_alive(first.pgid)
        assert not (var / "instance.pid").exists()
        assert index.stat().st_mtime >= stopped_at - 1
        assert_clean_shutdown(first.output())
    finally:
        first.kill()
    demo_lines = demo_logins(out)
    assert len(demo_lines) == 4, demo_lines

    # --- second start: the same data ------------------------------------------
    second = Instance(  # this time without the clock (cron would run the tick)
        checkout,
        environment(AKTE_PORT=free_port(), AKTE_MAIL_CLOCK="off", **settings),
        tmp_path / "second.log",
    )
    try:
        second.wait_until_ready()
        out = second.output()
        assert f"Plone-Site '{SITE}' vorhanden, Daten bleiben / site kept" in out
        assert "Lege die Plone-Site" not in out
        assert "Demo-Inhalte" not in out
        assert CLOCK_RUNS not in out
        # the same demo logins as before
        assert demo_logins(out) == demo_lines
        admin = second.login("admin", password)
        marker = second.http.get(second.url + marker_path, headers=admin, timeout=60)
        assert marker.status_code == 200, marker.text
        assert marker.json()["title"] == "Erika Neustart"
        assert marker.json()["client_number"] == number
        assert second.stop() == 0, second.output()
        assert_clean_shutdown(second.output())
    finally:
        second.kill()
    print(f"both starts took {time.monotonic() - started:.0f} s")

    # the zconsole tick of the README (cron / systemd timer), on the stopped data
    tick = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "zconsole"),
            "run",
            str(checkout / "instance" / "etc" / "zope.conf"),
            zconsole_tick.__file__,
        ],
        cwd=checkout,
        env=environment(**settings),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tick.returncode == 0, tick
    assert f"/{SITE}: gesendet 0, fehlgeschlagen 0, verworfen 0" in tick.stdout, tick
    assert CLOCK_RUNS not in tick.stderr  # no clock inside zconsole

    # start.sh wrote etc/ into the copy, not into the developer's checkout
    rendered = checkout / "instance" / "etc" / "zope.conf"
    assert str(var) in rendered.read_text()
    for path in (REPO / "instance" / "etc").glob("*"):
        assert str(tmp_path) not in path.read_text(), path


# --- scale-out: one ZEO server, two instances ---------------------------------------


def test_zeo_two_instances_share_the_data(tmp_path):
    """instance/zeo.sh, then two start.sh from one checkout (own port, AKTE_VAR and
    AKTE_ETC each) on that ZEO server: what one writes, the other reads."""
    checkout = make_checkout(tmp_path)
    zeo_port = free_port()
    password = "Admin-" + secrets.token_urlsafe(12)
    shared = {
        "AKTE_ZEO_ADDRESS": f"127.0.0.1:{zeo_port}",
        "AKTE_ADMIN_PASSWORD": password,
        "AKTE_DEMO": "0",
    }
    started = time.monotonic()
    zeo_log = tmp_path / "zeo.log"
    with open(zeo_log, "wb") as out:
        zeo = subprocess.Popen(
            [str(checkout / "instance" / "zeo.sh")],
            cwd=checkout,
            env=environment(
                AKTE_VAR=tmp_path / "zeo-var",
                AKTE_ETC=tmp_path / "zeo-etc",
                AKTE_ZEO_ADDRESS=shared["AKTE_ZEO_ADDRESS"],
            ),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    instances = []
    try:
        wait_for_port(zeo_port, zeo, zeo_log)
        for number in (1, 2):
            env = environment(
                AKTE_PORT=free_port(),
                AKTE_SMTP_PORT=free_port(),  # each its own local mail sink
                AKTE_VAR=tmp_path / f"var-{number}",
                AKTE_ETC=tmp_path / f"etc-{number}",
                **shared,
            )
            instance = Instance(checkout, env, tmp_path / f"instance-{number}.log")
            instances.append(instance)
            # one after the other: the first creates the site
            instance.wait_until_ready()
            print(f"instance {number} ready after {time.monotonic() - started:.0f} s")
        one, two = instances
        assert f"Plone-Site '{SITE}' angelegt / created" in one.output()
        assert f"Plone-Site '{SITE}' vorhanden, Daten bleiben / site kept" in (
            two.output()
        )
        admin_one = one.login("admin", password)
        admin_two = two.login("admin", password)

        # instance 2 has the (still empty) folder in its cache ...
        listing = two.http.get(
            f"{two.url}/{SITE}/mandanten", headers=admin_two, timeout=60
        )
        assert listing.status_code == 200, listing.text
        assert listing.json()["items"] == []

        # ... instance 1 adds a client ...
        number = "ZEO-" + secrets.token_hex(4)
        created = one.http.post(
            f"{one.url}/{SITE}/mandanten",
            json={
                "@type": "Mandant",
                "title": "Zora Zweitserver",
                "client_number": number,
            },
            headers=admin_one,
            timeout=120,
        )
        assert created.status_code == 201, created.text
        path = created.json()["@id"].removeprefix(one.url)

        # ... and instance 2 sees it at once (ZEO invalidation, server-sync)
        seen = two.http.get(two.url + path, headers=admin_two, timeout=60)
        assert seen.status_code == 200, seen.text
        assert seen.json()["title"] == "Zora Zweitserver"
        assert seen.json()["client_number"] == number
        listing = two.http.get(
            f"{two.url}/{SITE}/mandanten", headers=admin_two, timeout=60
        )
        assert [item["title"] for item in listing.json()["items"]] == [
            "Zora Zweitserver"
        ]

        # a file (blob) uploaded on instance 2 downloads on instance 1
        content = b"%PDF-1.4 ueber ZEO " + secrets.token_hex(8).encode()
        upload = two.http.post(
            f"{two.url}/{SITE}",
            json={
                "@type": "File",
                "id": "zeo-datei",
                "title": "ZEO-Datei",
                "file": {
                    "data": base64.b64encode(content).decode(),
                    "encoding": "base64",
                    "filename": "zeo.pdf",
                    "content-type": "application/pdf",
                },
            },
            headers=admin_two,
            timeout=120,
        )
        assert upload.status_code == 201, upload.text
        download = one.http.get(
            f"{one.url}/{SITE}/zeo-datei/@@download/file",
            headers={"Authorization": admin_one["Authorization"]},
            timeout=60,
        )
        assert download.status_code == 200, download.text[:500]
        assert download.content == content

        # one login for all: the token of instance 1 is valid on instance 2
        # (users and secrets are in the shared database: no sticky sessions)
        cross = two.http.get(two.url + path, headers=admin_one, timeout=60)
        assert cross.status_code == 200, cross.text

        for instance in instances:
            assert instance.stop() == 0, instance.output()
            assert_clean_shutdown(instance.output())
        # the data live on the ZEO server; the instances keep only caches
        assert (tmp_path / "zeo-var" / "filestorage" / "Data.fs").is_file()
        assert not (tmp_path / "var-1" / "filestorage").exists()
        assert (tmp_path / "var-1" / "zeocache").is_dir()
        os.killpg(zeo.pid, signal.SIGTERM)
        assert zeo.wait(STOP_TIMEOUT) == 0, zeo_log.read_text()
    finally:
        for instance in instances:
            instance.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(zeo.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            zeo.wait(30)
    print(f"ZEO with two instances took {time.monotonic() - started:.0f} s")

    # each instance wrote its own etc/, the checkout's instance/etc stays unwritten
    assert not (checkout / "instance" / "etc").exists()
    for number in (1, 2):
        assert str(tmp_path / f"var-{number}") in (
            (tmp_path / f"etc-{number}" / "zope.conf").read_text()
        )
