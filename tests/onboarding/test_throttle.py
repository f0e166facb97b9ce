"""The per-IP failure window of the registration page."""

from kanzlei.akte.onboarding.throttle import client_address
from kanzlei.akte.onboarding.throttle import FailureCounter
from kanzlei.akte.onboarding.throttle import registration_failures


def test_limit_within_window_then_free_again():
    counter = FailureCounter(limit=3, window_seconds=3600)
    for i in range(3):
        assert not counter.is_blocked("1.2.3.4", now=1000 + i)
        counter.add_failure("1.2.3.4", now=1000 + i)
    assert counter.is_blocked("1.2.3.4", now=1010)
    assert not counter.is_blocked("5.6.7.8", now=1010)
    assert not counter.is_blocked("1.2.3.4", now=1000 + 3600 + 3)


def test_registration_limit_is_20_per_hour():
    assert registration_failures.limit == 20
    assert registration_failures.window == 3600


class FakeRequest:
    def __init__(self, environ):
        self.environ = environ

    def getClientAddr(self):  # noqa: N802 - Zope API
        return self.environ.get("REMOTE_ADDR", "")


def test_forged_forwarded_for_is_ignored(portal):
    request = FakeRequest(
        {"REMOTE_ADDR": "10.9.8.7", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}
    )
    assert client_address(request) == "10.9.8.7"
