"""The one per-IP failure counter, shared by login and registration."""

from kanzlei.akte.accounts import failures
from kanzlei.akte.accounts.failures import FailureCounter
from kanzlei.akte.pas.clientip import client_ip
from plone import api


def test_sliding_window_counts_only_recent_failures():
    counter = FailureCounter()
    for i in range(3):
        counter.add("1.2.3.4", window=3600, now=1000 + i)
    assert counter.count("1.2.3.4", window=3600, now=1010) == 3
    assert counter.count("5.6.7.8", window=3600, now=1010) == 0
    # the first failure leaves the window first
    assert counter.count("1.2.3.4", window=3600, now=1000 + 3600 + 0.5) == 2
    assert counter.count("1.2.3.4", window=3600, now=1000 + 3600 + 3) == 0


def test_ip_limit_follows_the_login_settings(portal):
    api.portal.set_registry_record("kanzlei.akte.login.ip_max_failures", 3)
    api.portal.set_registry_record("kanzlei.akte.login.lockout_minutes", 1)
    for i in range(2):
        failures.record_ip_failure("9.9.9.9", now=5000 + i)
    assert not failures.ip_blocked("9.9.9.9", now=5002)
    failures.record_ip_failure("9.9.9.9", now=5002)
    assert failures.ip_blocked("9.9.9.9", now=5003)
    assert not failures.ip_blocked("9.9.9.9", now=5000 + 61 + 2)


class FakeRequest:
    def __init__(self, environ):
        self.environ = environ


def test_forged_forwarded_for_is_ignored(portal):
    request = FakeRequest(
        {"REMOTE_ADDR": "10.9.8.7", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}
    )
    assert client_ip(request) == "10.9.8.7"
