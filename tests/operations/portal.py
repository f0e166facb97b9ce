"""A production-like portal for the operations tests: two instances (``start.sh``) on
a shared database (RelStorage on a throw-away PostgreSQL, or ZEO), nginx with the
shipped deploy/nginx/online-akte.conf (TLS, round robin) in front, mail to an aiosmtpd
sink, and the HTTP steps of firm and client (invite, register, upload, release)."""

from pathlib import Path
from tests.accounts.conftest import submit
from tests.conftest import start_sink
from tests.instance.running import SITE
from tests.operations import servers
from types import SimpleNamespace

import contextlib
import re
import secrets
import time


ADMIN_PASSWORD = "Admin-" + secrets.token_urlsafe(12)
DEMO_PASSWORD = "Demo-" + secrets.token_urlsafe(12)
STAFF = "anwalt"  # the demo content's lawyer (instance/start.sh with AKTE_DEMO=1)
STAFF_MAIL = "anwalt@example.org"
CLIENT_PASSWORD = "Sonnige Wiese am Fluss 7"
CLOCK_SECONDS = 5
# what every production instance sets (README, "Betrieb hinter TLS")
PRODUCTION = {
    "AKTE_HOST": "127.0.0.1",
    "AKTE_TRUSTED_PROXIES": "127.0.0.1",
    "AKTE_SECURE_COOKIES": "1",
}
TOKEN = re.compile(r'name="_authenticator"\s+value="([^"]+)"')


def pdf(label, size=200_000):
    head = f"%PDF-1.4\n% {label}\n".encode()
    return head + secrets.token_bytes(size - len(head))


class Portal:
    """Start with ``start()``, always ``stop()`` (in a finally / fixture teardown)."""

    def __init__(self, tmp, storage):
        self.tmp = Path(tmp)
        self.storage = storage  # "relstorage" or "zeo"
        self.postgres = self.zeo = self.cluster = self.nginx = None
        self.sink = start_sink()

    def start(self):
        started = time.monotonic()
        checkout = servers.checkout(self.tmp)
        if self.storage == "relstorage":
            self.postgres = servers.PostgreSQL().start()
            database = {"AKTE_RELSTORAGE_DSN": self.postgres.dsn}
        else:
            self.zeo = servers.ZEOServer(
                checkout,
                self.tmp / "zeo-var",
                self.tmp / "zeo-etc",
                self.tmp / "zeo.log",
            ).start()
            database = {"AKTE_ZEO_ADDRESS": self.zeo.address}
        self.cluster = servers.Cluster(
            self.tmp,
            checkout,
            database,
            AKTE_ADMIN_PASSWORD=ADMIN_PASSWORD,
            AKTE_DEMO="1",
            AKTE_DEMO_PASSWORD=DEMO_PASSWORD,
            AKTE_SMTP_HOST="127.0.0.1",
            AKTE_SMTP_PORT=self.sink.port,
            AKTE_MAIL_CLOCK_SECONDS=CLOCK_SECONDS,
            **PRODUCTION,
        ).start()
        self.instances = self.cluster.instances
        self.nginx = servers.Nginx(self.tmp / "nginx", self.cluster.ports).start()
        self.url = self.nginx.url  # the site (VirtualHostMonster)
        # the firm's public address, for the links in mails the clock sends outside
        # of any request (README, "Betrieb hinter TLS")
        self.call(
            "PATCH",
            f"{self.url}/@registry",
            self.admin(),
            json={"kanzlei.akte.mail.public_url": self.url},
        )
        self.startup_seconds = time.monotonic() - started
        print(
            f"{self.storage}: two instances and nginx in {self.startup_seconds:.0f} s"
        )
        return self

    def stop(self):
        """Stop everything; the instances' exit statuses (all 0 when clean)."""
        statuses = []
        with contextlib.ExitStack() as stack:
            stack.callback(self.sink.controller.stop)
            if self.postgres is not None:
                stack.callback(self.postgres.stop)
            if self.zeo is not None:
                stack.callback(self.zeo.stop)
            if self.cluster is not None:
                stack.callback(self.cluster.kill)
            if self.nginx is not None:
                stack.callback(self.nginx.stop)
            if self.cluster is not None:
                statuses = self.cluster.stop()
        return statuses

    # --- HTTP through nginx -------------------------------------------------------
    def session(self, source=None):
        return self.nginx.session(source)

    def login(self, login, password, http=None):
        """REST login through nginx: headers with the JWT."""
        http = http or self.session()
        response = http.post(
            f"{self.url}/@login",
            json={"login": login, "password": password},
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert response.status_code == 200, (login, response.text[:500])
        http.cookies.clear()
        return {
            "Authorization": f"Bearer {response.json()['token']}",
            "Accept": "application/json",
        }

    def form_login(self, login, password, source=None):
        """The login form as a browser posts it (``source``: the client's local
        address, see servers.SourceAddressAdapter); (session, first answer)."""
        http = self.session(source)
        answer = http.post(
            f"{self.url}/login",
            data={"__ac_name": login, "__ac_password": password, "buttons.login": "1"},
            allow_redirects=False,
            timeout=60,
        )
        return http, answer

    def admin(self):
        return self.login("admin", ADMIN_PASSWORD)

    def call(self, method, url, headers, **options):
        response = self.session().request(
            method, url, headers=headers, timeout=120, **options
        )
        assert response.status_code in (200, 201, 204), (
            method,
            url,
            response.status_code,
            response.text[:1000],
        )
        return response.json() if response.content else None

    def new_client(self, admin, label):
        """A Mandant with online access and one mandate (the demo lawyer responsible),
        invited the way the law-office software does it: mandate (its @id), code (the
        activation code), link (of its mail), email, number, file_number."""
        number = f"{label}-{secrets.token_hex(3)}"
        email = f"{number.lower()}@example.org"
        self.call(
            "PUT",
            f"{self.url}/@akte-mandant/{number}",
            admin,
            json={"title": f"Mandant {label}", "email": email, "online_access": True},
        )
        mandate = self.call(
            "PUT",
            f"{self.url}/@akte-mandat",
            admin,
            json={
                "file_number": f"{number}/26",
                "client_number": number,
                "title": f"Akte {label}",
                "responsible_lawyer": STAFF,
            },
        )
        # online access invites by itself on commit; the code comes with an
        # invitation the software asks for (it replaces that one)
        earlier = len(self.mails_to(email))
        invited = self.call(
            "POST", f"{self.url}/@akte-einladung", admin, json={"client_number": number}
        )
        return SimpleNamespace(
            mandate=mandate["@id"],
            code=invited["activation_code"],
            link=self.invitation_link(email, after=earlier),
            email=email,
            number=number,
            file_number=f"{number}/26",
        )

    def invitation_link(self, email, after=0, timeout=30):
        """The registration link of the first invitation mail to ``email`` after the
        first ``after`` mails to that address."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mails = self.mails_to(email)[after:]
            if mails:
                body = mails[0].get_body(("plain",)).get_content()
                return re.search(r"\S+@@registrierung\?token=[\w\-]+", body)[0]
            time.sleep(0.2)
        raise AssertionError(f"no invitation mail to {email}")

    def register(self, link, code, username, http=None):
        """The client registers on the page the link opens (a browser's steps);
        (the session, now logged in by cookie, and the answer)."""
        base, token = link.split("/@@registrierung?token=")
        assert base == self.url, link
        http = http or self.session()
        http, answer = submit(
            self.url, token, code, username, CLIENT_PASSWORD, session=http
        )
        assert answer.status_code == 302, page_messages(answer.text)
        return http, answer

    def authenticator(self, http, mandate, headers=None):
        page = http.get(f"{mandate}/@@akte-mandat", headers=headers or {}, timeout=60)
        assert page.status_code == 200, page.text[:1000]
        return TOKEN.search(page.text)[1]

    def upload(self, http, mandate, filename, data, headers=None, base=None):
        """A client upload through the mandate page's form (JSON answer): its uid.
        ``base``: the address the mandate is reached under (default nginx's)."""
        url = mandate if base is None else mandate.replace(self.url, base)
        response = http.post(
            f"{url}/@@akte-hochladen",
            headers={"Accept": "application/json", **(headers or {})},
            data={"_authenticator": self.authenticator(http, url, headers)},
            files={"datei": (filename, data, "application/pdf")},
            timeout=120,
        )
        assert response.status_code == 200, response.text[:1000]
        [document] = response.json()["documents"]
        return document["uid"]

    def served(self, marker):
        """How often each instance's access log names ``marker`` (nginx sends the
        path percent-encoded: ``%40%40akte-mandat``)."""
        return [self.cluster.access_log(n).count(marker) for n in (1, 2)]

    # --- mail -------------------------------------------------------------------
    def mails_to(self, address, subject=None):
        return [
            message
            for recipients, message in list(self.sink.messages)
            if address in recipients
            and (subject is None or subject in message["Subject"])
        ]


def serve(tmp, storage):
    """A started Portal for a fixture (``yield from serve(...)``); its clean stop."""
    portal = Portal(tmp, storage)
    try:
        yield portal.start()
    finally:
        statuses = portal.stop()
    assert statuses == [0, 0], "an instance did not stop cleanly on SIGTERM"


def page_messages(html):
    """The messages and field errors a page shows (for a failing assertion)."""
    found = re.findall(
        r'(?:id="akte-[\w-]+-errors"|class="[^"]*(?:alert|portalMessage)[^"]*")[^>]*>'
        r"(.*?)</",
        html,
        re.S,
    )
    return [re.sub(r"\s+", " ", text).strip() for text in found] or html[-3000:]


def instance_site(instance):
    """An instance addressed directly (no nginx): its site URL."""
    return f"{instance.url}/{SITE}"
