"""SMTP as the README promises it: STARTTLS when offered, ``AKTE_SMTP_STARTTLS=1``
refuses to send without it, port 465 is TLS from the first byte, and
``AKTE_SMTP_USER``/``AKTE_SMTP_PASSWORD`` reach the server. The settings go the real
way (``AKTE_*`` → ``instance.config.Settings`` → ``bootstrap.apply_mail_settings``, what
``instance/start.sh`` runs); the servers are aiosmtpd with a certificate made by the
test."""

from kanzlei.akte.instance.bootstrap import apply_mail_settings
from kanzlei.akte.instance.config import Settings
from kanzlei.akte.mail import queue
from kanzlei.akte.testing import add_document
from plone import api
from tests.conftest import SMTP_LOGIN

import os
import pytest
import transaction


@pytest.fixture
def smtp_settings(akte, monkeypatch, tmp_path):
    """``apply(port, **AKTE_SMTP_*)``: configure the site like the start script."""

    def apply(port, **variables):
        for name in list(os.environ):
            if name.startswith("AKTE_"):
                monkeypatch.delenv(name)
        monkeypatch.setenv("AKTE_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("AKTE_SMTP_PORT", str(port))
        monkeypatch.setenv("AKTE_MAIL_FROM", "kanzlei@example.org")
        for name, value in variables.items():
            monkeypatch.setenv(f"AKTE_SMTP_{name.upper()}", value)
        apply_mail_settings(akte.portal, Settings.from_env(tmp_path))
        transaction.commit()

    return apply


def one_notification(akte, flush):
    add_document(akte.mandat_a)
    transaction.commit()
    return flush(akte.portal, minutes=11)


def test_starttls_offered_is_used_and_the_login_reaches_the_server(
    akte, flush, smtp_settings, starttls_sink
):
    user, password = SMTP_LOGIN
    smtp_settings(starttls_sink.port, user=user, password=password)
    assert one_notification(akte, flush)["sent"] == 1
    assert [rcpts for rcpts, _m in starttls_sink.messages] == [["erika@example.org"]]
    assert starttls_sink.tls == [True]
    assert starttls_sink.logins == [SMTP_LOGIN]


def test_forced_starttls_without_tls_sends_nothing(akte, flush, smtp_settings):
    smtp_settings(akte.sink.port, starttls="1")  # the plain sink offers no STARTTLS
    assert one_notification(akte, flush) == {"sent": 0, "failed": 1, "dropped": 0}
    assert akte.sink.messages == []
    assert len(queue.entries(akte.portal)) == 1
    smtp_settings(akte.sink.port)  # without the demand it goes out (plain)
    assert flush(akte.portal, minutes=30)["sent"] == 1
    assert akte.sink.tls == [False]


def test_port_465_is_tls_from_the_first_byte(akte, flush, smtp_settings, smtps_sink):
    user, password = SMTP_LOGIN
    smtp_settings(465, user=user, password=password)
    # The test cannot listen on 465: the same settings, the SMTPS server's port.
    api.portal.set_registry_record("plone.smtp_port", smtps_sink.port)
    transaction.commit()
    assert one_notification(akte, flush)["sent"] == 1
    assert smtps_sink.tls == [True]
    assert smtps_sink.logins == [SMTP_LOGIN]
