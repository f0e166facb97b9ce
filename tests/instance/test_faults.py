"""Faults: nothing is lost (issue 11, section 4), against a real started instance.

One instance (``instance/start.sh`` with demo content, mail to an aiosmtpd sink of the
test, the notification clock on a 5 s beat) on a temporary data directory, then:

1. ``kill -9`` of the whole instance while a large upload is streamed slowly and small
   uploads commit, and again right after a large upload was sent completely (while it
   is stored); restart on the same data: every upload answered with success is there
   with the same SHA-256, every document has its complete file, every catalog entry
   its object.
2. 20 parallel uploaders (the demo clients, all their mandates) while staff rename the
   same mandates and withdraw/release their documents: no 5xx (ConflictErrors are
   retried), every document present.
3. 200 idle connections and slow-loris requests: the portal answers within seconds.
4. The firm is told of every client upload exactly once (no mail lost to the kills,
   none doubled by a retried transaction).
5. After a clean stop: the FileStorage passes ``fstest``, the catalog and the content
   agree, no blob is missing or short.

The tests depend on each other's order (one instance for the module: starting Plone
is the expensive part).
"""

from tests.conftest import free_port
from tests.conftest import start_sink
from tests.instance.running import environment
from tests.instance.running import Instance
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.instance.running import START_TIMEOUT

import contextlib
import hashlib
import http.client
import json
import os
import pytest
import re
import requests
import secrets
import signal
import socket
import subprocess
import threading
import time
import uuid


pytestmark = pytest.mark.timeout(START_TIMEOUT + 400)
SITE = "kanzlei"
CLIENTS = ("mustermann", "beispielbau")
STAFF = "anwalt"
LAWYER_MAIL = "anwalt@example.org"
BIG = 30 * 1024 * 1024
UPLOADERS = 20
UPLOADS_EACH = 3
IDLE_CONNECTIONS = 200
SLOW_LORIS = 20
ANSWER_WITHIN = 5  # seconds, for a normal page while the connections are open
INCOMING = re.compile(r"^- (?:.*?: )?(\d+) neuer? Eing\S*: (\S+)$", re.M)

CHECK_SCRIPT = """
import json, sys
from Products.CMFPlone.utils import get_installer  # noqa: F401 - loads Plone
site = app.unrestrictedTraverse(sys.argv[-1])
catalog = site.portal_catalog
problems, found = [], {}
for brain in catalog.unrestrictedSearchResults(portal_type="Dokument"):
    try:
        obj = brain._unrestrictedGetObject()
    except Exception as error:
        problems.append(f"brain without object: {brain.getPath()} ({error!r})")
        continue
    if obj.file is None:
        problems.append(f"no file: {brain.getPath()}")
        continue
    with obj.file.open() as blob:
        data = blob.read()
    if len(data) != obj.file.getSize() or not data:
        problems.append(f"short file: {brain.getPath()}")
    found[brain.getPath()] = brain.UID
walked = []
def walk(folder):
    for child in folder.objectValues():
        if getattr(child, "portal_type", None) == "Dokument":
            walked.append("/".join(child.getPhysicalPath()))
        if getattr(child, "isPrincipiaFolderish", False):
            walk(child)
walk(site)
for path in walked:
    if path not in found:
        problems.append(f"not in the catalog: {path}")
print("CHECK " + json.dumps({"problems": problems, "documents": len(walked)}))
"""


def sha(data):
    return hashlib.sha256(data).hexdigest()


def pdf(size, label):
    head = f"%PDF-1.4\n% {label}\n".encode()
    return head + secrets.token_bytes(max(0, size - len(head)))


def multipart(authenticator, filename):
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="_authenticator"\r\n\r\n'
        f"{authenticator}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="datei"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", head, tail


class Portal:
    """The started instance, its logins and what was sent to it."""

    def __init__(self, tmp, sink):
        self.tmp = tmp
        self.sink = sink
        self.checkout = make_checkout(tmp)
        self.port = free_port()  # the same port after every restart (links in mails)
        self.password = "Admin-" + secrets.token_urlsafe(12)
        self.demo_password = "Demo-" + secrets.token_urlsafe(12)
        self.env = environment(
            AKTE_VAR=tmp / "var",
            AKTE_PORT=self.port,
            AKTE_ADMIN_PASSWORD=self.password,
            AKTE_DEMO="1",
            AKTE_DEMO_PASSWORD=self.demo_password,
            AKTE_SMTP_HOST="127.0.0.1",
            AKTE_SMTP_PORT=sink.port,
            AKTE_MAIL_CLOCK_SECONDS="5",
        )
        self.starts = 0
        self.instance = None
        self.sent = {}  # filename -> sha256 of everything ever sent
        self.acknowledged = {}  # uid -> sha256 of uploads answered with success
        self.url = f"http://localhost:{self.port}"
        self.site = f"{self.url}/{SITE}"

    # --- running ---------------------------------------------------------------
    def start(self):
        self.starts += 1
        self.instance = Instance(
            self.checkout, self.env, self.tmp / f"start-{self.starts}.log"
        )
        started = time.monotonic()
        self.instance.wait_until_ready()
        print(f"start {self.starts} ready after {time.monotonic() - started:.0f} s")
        self.admin = self.instance.login("admin", self.password)
        self.staff = self.instance.login(STAFF, self.demo_password)
        self.clients = {}
        for login in CLIENTS:
            headers = self.instance.login(login, self.demo_password)
            mandates = self.get("@search", headers, portal_type="Mandat")["items"]
            page = self.session().get(
                mandates[0]["@id"] + "/@@akte-mandat", headers=headers, timeout=60
            )
            token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text)
            assert token, page.text[:2000]
            self.clients[login] = (headers, [m["@id"] for m in mandates], token[1])

    def kill9(self):
        """SIGKILL to start.sh and everything it started (a power cut)."""
        os.killpg(self.instance.pgid, signal.SIGKILL)
        self.instance.process.wait(30)
        self.instance.http.close()

    def stop(self):
        assert self.instance.stop() == 0, self.instance.output()

    # --- HTTP ------------------------------------------------------------------
    @staticmethod
    def session():
        http = requests.Session()
        http.trust_env = False
        return http

    def get(self, endpoint, headers, **params):
        response = self.session().get(
            f"{self.site}/{endpoint}", headers=headers, params=params, timeout=60
        )
        assert response.status_code == 200, response.text[:2000]
        return response.json()

    def upload(self, http, login, mandate, size, label):
        """One client upload through the page's form (JSON answer): its uid."""
        headers, _mandates, token = self.clients[login]
        filename = f"{label}.pdf"
        data = pdf(size, label)
        self.sent[filename] = sha(data)
        response = http.post(
            mandate + "/@@akte-hochladen",
            headers=headers,
            data={"_authenticator": token},
            files={"datei": (filename, data, "application/pdf")},
            timeout=120,
        )
        return response, filename

    def acknowledge(self, response, filename):
        assert response.status_code == 200, response.text[:2000]
        documents = response.json()["documents"]
        assert [d["title"] for d in documents] == [filename]
        self.acknowledged[documents[0]["uid"]] = self.sent[filename]

    def big_upload(self, login, mandate, label, chunk_pause, sent_all):
        """A large upload streamed in 256 KB pieces; the answer or the error."""
        headers, _mandates, token = self.clients[login]
        filename = f"{label}.pdf"
        data = pdf(BIG, label)
        self.sent[filename] = sha(data)
        content_type, head, tail = multipart(token, filename)
        body_length = len(head) + len(data) + len(tail)
        path = mandate.removeprefix(self.url) + "/@@akte-hochladen"
        connection = http.client.HTTPConnection("localhost", self.port, timeout=120)
        try:
            connection.putrequest("POST", path)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("Content-Type", content_type)
            connection.putheader("Content-Length", str(body_length))
            connection.endheaders()
            connection.send(head)
            piece = 256 * 1024
            for start in range(0, len(data), piece):
                connection.send(data[start : start + piece])
                time.sleep(chunk_pause)
            connection.send(tail)
            sent_all.set()
            response = connection.getresponse()
            return response.status, filename, response.read()
        except (OSError, http.client.HTTPException) as error:
            return None, filename, repr(error).encode()
        finally:
            connection.close()

    # --- what is stored ----------------------------------------------------------
    def documents(self):
        """{uid: @id} of every Dokument in the catalog, as the Zope admin sees it."""
        found = self.get(
            "@search",
            self.admin,
            portal_type="Dokument",
            b_size=2000,
            metadata_fields="UID",
        )
        return {item["UID"]: item["@id"] for item in found["items"]}

    def download(self, url):
        response = self.session().get(
            url + "/@@download/file",
            headers={"Authorization": self.admin["Authorization"]},
            timeout=120,
        )
        assert response.status_code == 200, (url, response.status_code)
        return response

    def assert_nothing_lost(self):
        """Every acknowledged upload complete; every catalogued document whole."""
        documents = self.documents()
        missing = set(self.acknowledged) - set(documents)
        assert not missing, f"acknowledged but gone: {missing}"
        for uid, url in documents.items():
            download = self.download(url)
            name = re.search(
                r'filename\*?=(?:UTF-8\'\')?"?([^";]+)',
                download.headers.get("Content-Disposition", ""),
            )
            assert download.content, url
            if uid in self.acknowledged:
                assert sha(download.content) == self.acknowledged[uid], url
            elif name and name[1] in self.sent:
                # committed, but the answer never came: whole, never half
                assert sha(download.content) == self.sent[name[1]], url
        return documents


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    sink = start_sink()
    world = Portal(tmp_path_factory.mktemp("faults"), sink)
    try:
        world.start()
        yield world
    finally:
        if world.instance is not None:
            world.instance.kill()
        sink.controller.stop()


# --- 1. kill -9 -----------------------------------------------------------------


def small_uploads(portal, login, mandate, prefix, results, stop):
    http = portal.session()
    number = 0
    while not stop.is_set():
        number += 1
        try:
            response, filename = portal.upload(
                http, login, mandate, 50_000 + number * 997, f"{prefix}-{number}"
            )
        except requests.RequestException:
            return  # the instance is gone
        results.append((response, filename))


def kill_during(portal, round_, chunk_pause, after_sent):
    """Start a big upload and small ones, kill -9 at the given moment."""
    login = CLIENTS[0]
    _headers, mandates, _token = portal.clients[login]
    stop, sent_all = threading.Event(), threading.Event()
    small, big = [], []
    threads = [
        threading.Thread(
            target=small_uploads,
            args=(
                portal,
                login,
                mandates[n % len(mandates)],
                f"k{round_}-{n}",
                small,
                stop,
            ),
        )
        for n in range(3)
    ]
    threads.append(
        threading.Thread(
            target=lambda: big.append(
                portal.big_upload(
                    login, mandates[0], f"gross-{round_}", chunk_pause, sent_all
                )
            )
        )
    )
    for thread in threads:
        thread.start()
    if after_sent:
        assert sent_all.wait(120)
        time.sleep(0.3)  # the body is in: Zope parses, stores, commits
    else:
        time.sleep(3)  # half-way through the slow stream
        assert not sent_all.is_set()
    portal.kill9()
    stop.set()
    for thread in threads:
        thread.join(150)
    ok = [(r, f) for r, f in small if r.status_code == 200]
    for response, filename in ok:
        portal.acknowledge(response, filename)
    status, filename, body = big[0]
    if status == 200:
        documents = json.loads(body)["documents"]
        portal.acknowledged[documents[0]["uid"]] = portal.sent[filename]
    print(f"round {round_}: {len(ok)} small uploads answered, big upload: {status}")
    return len(ok)


def test_kill_9_during_uploads_loses_nothing_acknowledged(portal):
    before = len(portal.documents())
    answered = kill_during(portal, 1, chunk_pause=0.05, after_sent=False)
    portal.start()
    documents = portal.assert_nothing_lost()
    answered += kill_during(portal, 2, chunk_pause=0, after_sent=True)
    portal.start()
    documents = portal.assert_nothing_lost()
    assert answered >= 3  # the kills came while uploads were committing
    assert len(documents) >= before + answered


# --- 2. parallel uploaders and staff ------------------------------------------


def test_parallel_uploads_while_staff_edit_the_same_mandates(portal):
    statuses = []
    errors = []
    done = threading.Event()
    assignments = []
    for number in range(UPLOADERS):
        login = CLIENTS[number % len(CLIENTS)]
        mandates = portal.clients[login][1]
        assignments.append((login, mandates[number // len(CLIENTS) % len(mandates)]))

    def uploader(number, login, mandate):
        http = portal.session()
        for upload in range(UPLOADS_EACH):
            response, filename = portal.upload(
                http,
                login,
                mandate,
                20_000 + 1_000 * number + upload,
                f"p-{number}-{upload}",
            )
            statuses.append(response.status_code)
            try:
                portal.acknowledge(response, filename)
            except AssertionError as error:
                errors.append(error)

    all_mandates = sorted({m for _login, m in assignments})
    documents = portal.get(
        "@search", portal.admin, portal_type="Dokument", review_state="freigegeben"
    )["items"]
    titles = {}

    def staff():
        http = portal.session()
        round_ = 0
        while not done.is_set():
            round_ += 1
            for mandate in all_mandates:
                title = f"Akte Runde {round_}"
                response = http.patch(
                    mandate, json={"title": title}, headers=portal.staff, timeout=120
                )
                statuses.append(response.status_code)
                if response.status_code == 204:
                    titles[mandate] = title
            for document in documents[:3]:
                for transition in ("zurueckziehen", "freigeben"):
                    response = http.post(
                        f"{document['@id']}/@workflow/{transition}",
                        headers=portal.staff,
                        timeout=120,
                    )
                    statuses.append(response.status_code)

    before = set(portal.acknowledged)
    started = time.monotonic()
    editor = threading.Thread(target=staff)
    editor.start()
    threads = [
        threading.Thread(target=uploader, args=(n, *assignment))
        for n, assignment in enumerate(assignments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(240)
    done.set()
    editor.join(120)
    print(
        f"{UPLOADERS} uploaders x {UPLOADS_EACH} uploads with staff edits:"
        f" {time.monotonic() - started:.1f} s, {len(statuses)} requests"
    )
    assert not [s for s in statuses if s >= 500], statuses
    assert not errors, errors[:3]
    assert len(set(portal.acknowledged) - before) == UPLOADERS * UPLOADS_EACH
    portal.assert_nothing_lost()
    for mandate, title in titles.items():
        response = portal.session().get(mandate, headers=portal.admin, timeout=60)
        assert response.json()["title"] == title


# --- 3. idle and slow connections -------------------------------------------------


def slow_loris(port, stop):
    """A request whose header never ends: one more header line every second."""
    with (
        contextlib.suppress(OSError),
        socket.create_connection(("localhost", port), timeout=10) as sock,
    ):
        sock.sendall(b"GET /kanzlei HTTP/1.1\r\nHost: localhost\r\n")
        while not stop.wait(1):
            sock.sendall(b"X-Slow: " + secrets.token_hex(4).encode() + b"\r\n")


def test_portal_answers_while_many_connections_idle_or_slow(portal):
    idle = []
    stop = threading.Event()
    loris = [
        threading.Thread(target=slow_loris, args=(portal.port, stop), daemon=True)
        for _ in range(SLOW_LORIS)
    ]
    try:
        for _ in range(IDLE_CONNECTIONS):
            idle.append(
                socket.create_connection(("localhost", portal.port), timeout=10)
            )
        for thread in loris:
            thread.start()
        time.sleep(2)  # the server has taken (or refused to take) them all
        timings = []
        for _ in range(3):
            started = time.monotonic()
            try:
                response = portal.session().get(
                    f"{portal.site}/login", timeout=ANSWER_WITHIN
                )
            except requests.Timeout:
                pytest.fail(
                    f"no answer within {ANSWER_WITHIN} s while {IDLE_CONNECTIONS}"
                    f" idle and {SLOW_LORIS} slow connections are open"
                )
            timings.append(time.monotonic() - started)
            assert response.status_code == 200
        print(
            f"answers with {IDLE_CONNECTIONS + SLOW_LORIS} open connections: {timings}"
        )
    finally:
        stop.set()
        for sock in idle:
            sock.close()
        for thread in loris:
            thread.join(10)


# --- 4. notifications: each upload told exactly once ------------------------------


def told(sink):
    """{mandate UID: number of uploads the lawyer was told of} over all mails
    (their links are ``resolveuid/<uid>``)."""
    counts = {}
    for recipients, message in list(sink.messages):
        if LAWYER_MAIL not in recipients:
            continue
        text = message.get_body(preferencelist=("plain",)).get_content()
        text = text.replace("\r\n", "\n")
        for number, url in INCOMING.findall(text):
            uid = url.rstrip("/").rsplit("/", 1)[-1]
            counts[uid] = counts.get(uid, 0) + int(number)
    return counts


def test_each_client_upload_is_told_once(portal):
    expected = {}
    # the uploads of clients (by title) in each mandate, from the catalog
    for login in CLIENTS:
        headers, mandates, _token = portal.clients[login]
        for mandate in mandates:
            found = portal.get(
                "@search",
                portal.admin,
                portal_type="Dokument",
                path=mandate.removeprefix(portal.url),
                b_size=2000,
            )
            ours = [
                i
                for i in found["items"]
                if i["title"].split("-", 1)[0] in ("p", "k1", "k2", "gross")
            ]
            uid = portal.session().get(mandate, headers=portal.admin, timeout=60)
            expected[uid.json()["UID"]] = len(ours)
    # the clock sends a minute after the last upload to a mandate
    deadline = time.monotonic() + 150
    while told(portal.sink) != expected and time.monotonic() < deadline:
        time.sleep(2)
    time.sleep(12)  # two more beats: nothing is sent twice
    assert told(portal.sink) == expected
    print(f"notifications to the firm: {expected} uploads per mandate, each told once")


# --- 5. after a clean stop ----------------------------------------------------------


def test_database_consistent_after_the_kills(portal):
    portal.stop()
    portal.instance = None
    var = portal.tmp / "var"
    fstest = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "python"),
            "-m",
            "ZODB.scripts.fstest",
            str(var / "filestorage" / "Data.fs"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fstest.returncode == 0, fstest
    script = portal.tmp / "check.py"
    script.write_text(CHECK_SCRIPT)
    check = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "zconsole"),
            "run",
            str(portal.checkout / "instance" / "etc" / "zope.conf"),
            str(script),
            SITE,
        ],
        env=portal.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check
    result = json.loads(check.stdout.split("CHECK ", 1)[1])
    assert result["problems"] == []
    assert result["documents"] >= len(portal.acknowledged)
