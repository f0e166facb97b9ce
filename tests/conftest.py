from email import message_from_bytes
from email import policy
from kanzlei.akte.testing import FUNCTIONAL_TESTING
from kanzlei.akte.testing import INTEGRATION_TESTING
from pathlib import Path
from pytest_plone import fixtures_factory

import asyncio
import logging
import os
import pytest
import tempfile
import threading


# Translations are shipped as .po files; Zope compiles them to .mo at ZCML load time.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
# The audit log of the test layers (and of the instances tests start): a SQLite file of
# this run, not the checkout's var/.
os.environ.setdefault(
    "AKTE_AUDIT_DSN",
    "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="akte-audit-"), "audit.sqlite"),
)
# aiosmtpd's server thread logs every dropped connection, also after pytest has closed
# the captured stream of that test ("Logging error"): keep only its real problems.
logging.getLogger("mail.log").setLevel(logging.ERROR)

pytest_plugins = ["pytest_plone"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    # CI machines (containers) often have a small /dev/shm: Chromium crashes there.
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
        )
    )
)


@pytest.fixture(autouse=True)
def _fresh_login_ip_counters():
    """Per-IP login failure counters live in process memory (kanzlei.akte.pas.lockout):
    start every test without failures left over from other tests."""
    from kanzlei.akte.accounts import failures

    failures.reset_ip_counters()


@pytest.fixture
def base_url(functional):
    """URL of the functional layer's WSGI server (commit before a request sees data)."""
    return f"http://{functional['host']}:{functional['port']}/plone"


@pytest.fixture(scope="session")
def screenshots():
    """Folder for the screenshots the browser tests take.

    ``build/screenshots/`` (git-ignored), so that a test run leaves the checkout
    clean; ``make screenshots`` sets ``AKTE_SCREENSHOTS=docs/screenshots`` to refresh
    the README's pictures on purpose.
    """
    default = Path(__file__).parents[1] / "build" / "screenshots"
    folder = Path(os.environ.get("AKTE_SCREENSHOTS") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # LANGUAGE: Chromium's own texts in German too ("Datei auswählen")
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            env={**os.environ, "LANGUAGE": "de"},
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


SMTP_LOGIN = ("kanzlei-smtp", "Smtp-Geheimnis-2026")


class SMTPSink:
    """A real SMTP server (aiosmtpd) on a free local port; keeps what it receives.

    ``messages``: (recipients, parsed message); ``raw``: the bytes as they came over
    the wire; ``tls``: whether each message came over TLS; ``logins``: the
    (user, password) pairs that authenticated. ``delay``: seconds each DATA takes.
    """

    def __init__(self):
        self.messages = []
        self.raw = []
        self.tls = []
        self.logins = []
        self.delay = 0
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._arrived:
            self.messages.append((envelope.rcpt_tos, message))
            self.raw.append(envelope.original_content)
            self.tls.append(server.transport.get_extra_info("ssl_object") is not None)
            self._arrived.notify_all()
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        credentials = (auth_data.login.decode(), auth_data.password.decode())
        self.logins.append(credentials)
        return AuthResult(success=credentials == self.expected_login)

    def wait_for(self, count, timeout=10):
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return self.messages


def free_port():
    import socket

    # aiosmtpd's start() connects to its own port to check it is up: port 0 won't do.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(auth=False, **options):
    """An SMTPSink in its aiosmtpd Controller; ``auth``: AUTH with ``SMTP_LOGIN``."""
    from aiosmtpd.controller import Controller

    sink = SMTPSink()
    sink.expected_login = SMTP_LOGIN
    sink.port = free_port()
    if auth:
        options["authenticator"] = sink.authenticate
    sink.controller = Controller(sink, hostname="127.0.0.1", port=sink.port, **options)
    sink.controller.start()
    return sink


@pytest.fixture
def smtp_sink():
    """Start aiosmtpd; point Plone at it with testing.configure_mailhost(port)."""
    sink = start_sink()
    yield sink
    sink.controller.stop()


@pytest.fixture(scope="session")
def tls_context(tmp_path_factory):
    """A server TLS context with a self-signed certificate made here (openssl CLI)."""
    import ssl
    import subprocess

    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
def starttls_sink(tls_context):
    """aiosmtpd offering STARTTLS and AUTH (only over TLS), login ``SMTP_LOGIN``."""
    sink = start_sink(auth=True, tls_context=tls_context, auth_require_tls=True)
    yield sink
    sink.controller.stop()


@pytest.fixture
def smtps_sink(tls_context):
    """aiosmtpd speaking TLS from the first byte (SMTPS, as on port 465), with AUTH."""
    sink = start_sink(auth=True, ssl_context=tls_context, auth_require_tls=False)
    yield sink
    sink.controller.stop()
