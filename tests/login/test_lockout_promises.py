"""The README's lockout promises over real HTTP logins, with the time under control.

"10 failures for a login within 15 minutes lock it for 15 minutes", "20 failures from
one address in 15 minutes throttle that address until the end of the window", and
changed registry values (``kanzlei.akte.login.*``) take effect. Failures "in the past"
are recorded through the public functions of ``kanzlei.akte.pas.lockout`` with
``now=``; what counts is what the next real login over HTTP gets.
"""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.accounts import failures
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.testing import make_client
from plone import api

import pytest
import time
import transaction


LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"
MINUTE = 60
CLIENT_IP = "10.7.7.7"  # sent through a trusted proxy (127.0.0.1): a known address
VIA_PROXY = {"X-Forwarded-For": CLIENT_IP}


@pytest.fixture
def mueller(functional):
    portal = functional["portal"]
    make_client(portal, "Mandant Müller", "K-100", "100/26", userid="mueller")
    api.portal.set_registry_record("kanzlei.akte.login.trusted_proxies", ["127.0.0.1"])
    transaction.commit()
    return portal


def failures_ago(portal, minutes, count, login="mueller"):
    """``count`` wrong logins for ``login``, ``minutes`` ago (committed)."""
    plugin = get_plugin(portal)
    for _ in range(count):
        lockout.record_failure(plugin, login, now=time.time() - minutes * MINUTE)
    transaction.commit()


def ip_failures_ago(minutes, count, ip=CLIENT_IP):
    for _ in range(count):
        failures.record_ip_failure(ip, now=time.time() - minutes * MINUTE)


def logs_in(base_url, password=PASSWORD, login="mueller"):
    session, response = form_login(base_url, login, password, headers=VIA_PROXY)
    if "__ac" in session.cookies:
        return True
    assert LOCKED in response.text or password != PASSWORD, response.text[:300]
    return False


def test_account_lock_ends_after_fifteen_minutes(mueller, base_url):
    failures_ago(mueller, 14, 10)  # locked 14 minutes ago: one minute left
    assert not logs_in(base_url)
    with api.env.adopt_roles(["Manager"]):
        lockout.unlock("mueller")
    transaction.commit()
    failures_ago(mueller, 16, 10)  # locked 16 minutes ago: over
    assert logs_in(base_url)


def test_account_lock_duration_follows_the_registry(mueller, base_url):
    api.portal.set_registry_record("kanzlei.akte.login.lockout_minutes", 30)
    transaction.commit()
    failures_ago(mueller, 16, 10)  # over with 15 minutes, not with 30
    assert not logs_in(base_url)


def test_account_failures_older_than_the_window_do_not_count(mueller, base_url):
    failures_ago(mueller, 16, 9)
    assert not logs_in(base_url, "falsch")  # the 10th, but the other 9 are too old
    assert logs_in(base_url)


def test_account_window_slides(mueller, base_url):
    failures_ago(mueller, 16, 1)  # opens a window that is over now
    failures_ago(mueller, 10, 5)
    for _ in range(5):  # 10 failures within the last 10 minutes
        logs_in(base_url, "falsch")
    assert not logs_in(base_url)


def test_ip_throttle_ends_with_the_window(mueller, base_url):
    ip_failures_ago(14, 20)  # still inside the window: throttled
    assert not logs_in(base_url)
    failures.reset_ip_counters()
    ip_failures_ago(16, 20)  # all older than 15 minutes: nothing left
    assert logs_in(base_url)


def test_ip_window_slides(mueller, base_url):
    ip_failures_ago(16, 10)  # out of the window
    ip_failures_ago(5, 9)
    assert not logs_in(base_url, "falsch", login="jemand")  # 10 within the window
    assert logs_in(base_url)
    ip_failures_ago(5, 9)  # now 19 + 1 within the window
    assert not logs_in(base_url, "falsch", login="jemand")
    assert not logs_in(base_url)


def test_changed_ip_max_failures_takes_effect(mueller, base_url):
    api.portal.set_registry_record("kanzlei.akte.login.ip_max_failures", 3)
    transaction.commit()
    for i in range(3):  # three different (unknown) logins: no account lock
        assert not logs_in(base_url, "falsch", login=f"rate{i}")
    assert not logs_in(base_url)  # the address is throttled after 3
    session, _ = form_login(
        base_url, "mueller", PASSWORD, headers={"X-Forwarded-For": "10.8.8.8"}
    )
    assert "__ac" in session.cookies  # another address is not
