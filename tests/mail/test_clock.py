"""The clock thread: starts when Zope opens its database (unless
``AKTE_MAIL_CLOCK=off``), and the next request restarts it after it died. The
instance tests (tests/instance/test_start.py) check the same with a real start.sh
and run the zconsole tick."""

from kanzlei.akte.mail import clock
from zope.event import notify
from zope.processlifetime import DatabaseOpenedWithRoot

import pytest
import requests
import threading


NAME = "kanzlei.akte.mail.clock"


def clock_threads():
    return [t for t in threading.enumerate() if t.name == NAME and t.is_alive()]


@pytest.fixture
def db(functional):
    assert clock_threads() == []  # the test layers start none
    yield functional["portal"]._p_jar.db()
    clock.stop()
    assert clock_threads() == []


def test_starts_when_zope_opens_the_database(db, monkeypatch):
    monkeypatch.setenv("AKTE_MAIL_CLOCK_SECONDS", "3600")
    monkeypatch.delenv("AKTE_MAIL_CLOCK", raising=False)
    notify(DatabaseOpenedWithRoot(db))  # what Zope sends at startup
    (thread,) = clock_threads()
    assert thread.db is db and thread.seconds == 3600


@pytest.mark.parametrize("value", ["off", "0", "false", "no", "OFF"])
def test_akte_mail_clock_off(db, monkeypatch, value):
    monkeypatch.setenv("AKTE_MAIL_CLOCK", value)
    notify(DatabaseOpenedWithRoot(db))
    assert clock_threads() == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_next_request_restarts_a_dead_clock(db, base_url, monkeypatch):
    monkeypatch.setenv("AKTE_MAIL_CLOCK_SECONDS", "3600")
    notify(DatabaseOpenedWithRoot(db))
    (first,) = clock_threads()
    # Kill the thread by a fault in its loop (outside the beat's own try/except).
    sleeping, first.wake = first.wake, None
    sleeping.set()
    first.join(10)
    assert not first.is_alive()
    assert clock_threads() == []
    requests.get(base_url + "/login", timeout=30)  # any request
    (second,) = clock_threads()
    assert second is not first and second.db is db
