from email import message_from_bytes
from email import policy
from kanzlei.akte.testing import FUNCTIONAL_TESTING
from kanzlei.akte.testing import INTEGRATION_TESTING
from pathlib import Path
from pytest_plone import fixtures_factory

import logging
import os
import pytest
import threading


# Translations are shipped as .po files; Zope compiles them to .mo at ZCML load time.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
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
    from kanzlei.akte.pas import lockout

    lockout.reset_ip_counters()


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
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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


class SMTPSink:
    """A real SMTP server (aiosmtpd) on a free local port; keeps what it receives."""

    def __init__(self):
        self.messages = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._arrived:
            self.messages.append((envelope.rcpt_tos, message))
            self._arrived.notify_all()
        return "250 OK"

    def wait_for(self, count, timeout=10):
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return self.messages


@pytest.fixture
def smtp_sink():
    """Start aiosmtpd; point Plone at it with testing.configure_mailhost(port)."""
    from aiosmtpd.controller import Controller

    import socket

    # aiosmtpd's start() connects to its own port to check it is up: port 0 won't do.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SMTPSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port
    sink.controller = controller
    yield sink
    controller.stop()
