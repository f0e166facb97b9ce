"""The clock that runs with the instance: a thread that sends due notifications.

Started when Zope has opened its database (``IDatabaseOpenedWithRoot``), woken early
after a transaction that enqueued something (``poke``), checked on every request and
restarted if it died (``ensure_running``). Every beat opens its own ZODB connection
and runs ``tick.run`` in fresh transactions, so it does exactly what the zconsole/cron
job does. Switch it off with ``AKTE_MAIL_CLOCK=off`` (then use the cron job);
``AKTE_MAIL_CLOCK_SECONDS`` sets the beat (default 60).
"""

from kanzlei.akte import logger
from kanzlei.akte.mail import tick
from Testing.makerequest import makerequest
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest

import os
import sys
import threading
import time
import transaction


MAINTENANCE_EVERY = 3600  # seconds

_lock = threading.Lock()
_clock = None


def enabled():
    if os.environ.get("AKTE_MAIL_CLOCK", "on").lower() in ("off", "0", "false", "no"):
        return False
    # zconsole scripts (site setup, the cron job) open the database too: no clock there.
    return "zconsole" not in os.path.basename(sys.argv[0] if sys.argv else "")


def interval():
    try:
        return max(5, int(os.environ.get("AKTE_MAIL_CLOCK_SECONDS", "60")))
    except ValueError:
        return 60


class Clock(threading.Thread):
    def __init__(self, db, seconds):
        super().__init__(name="kanzlei.akte.mail.clock", daemon=True)
        self.db = db
        self.seconds = seconds
        self.wake = threading.Event()
        self.stopped = False
        self.last_maintenance = None  # the first beat runs it
        self.beats = 0

    def run(self):
        logger.info("Benachrichtigungs-Uhr läuft (alle %s s)", self.seconds)
        while not self.stopped:
            self.wake.wait(self.seconds)
            self.wake.clear()
            if self.stopped:
                break
            try:
                self.beat()
            except Exception:
                logger.exception("Benachrichtigungs-Uhr: Fehler; nächster Schlag folgt")
        logger.info("Benachrichtigungs-Uhr angehalten")

    def beat(self, now=None):
        with_maintenance = (
            self.last_maintenance is None
            or time.monotonic() - self.last_maintenance >= MAINTENANCE_EVERY
        )
        connection = self.db.open()
        try:
            app = makerequest(connection.root()["Application"])
            setRequest(app.REQUEST)
            tick.run(app, with_maintenance=with_maintenance, now=now)
            if with_maintenance:
                self.last_maintenance = time.monotonic()
            self.beats += 1
        finally:
            transaction.abort()
            clearRequest()
            connection.close()


def start(db, seconds=None):
    global _clock
    with _lock:
        if _clock is not None and _clock.is_alive():
            return _clock
        if _clock is not None:
            logger.warning("Benachrichtigungs-Uhr war beendet; sie wird neu gestartet")
        _clock = Clock(db, seconds or interval())
        _clock.start()
        return _clock


def stop():
    global _clock
    with _lock:
        clock, _clock = _clock, None
    if clock is not None:
        clock.stopped = True
        clock.wake.set()
        clock.join(10)


def poke():
    clock = _clock
    if clock is not None:
        clock.wake.set()


def on_notifications_queued(event):
    poke()


def ensure_running(db=None):
    """Restart the clock if its thread died (called on every request)."""
    clock = _clock
    if clock is not None and not clock.is_alive() and not clock.stopped:
        start(clock.db, clock.seconds)
    elif clock is None and db is not None and enabled():
        start(db)


def on_database_opened(event):
    if enabled():
        start(event.database)


def on_request_start(event):
    ensure_running()
