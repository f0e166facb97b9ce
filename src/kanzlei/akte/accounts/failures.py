"""The one failure counter per client IP address (login and registration).

Failures (wrong passwords, unknown invitation links, wrong activation codes) are
counted per client IP address in a sliding window: ``ip_max_failures`` failures
within ``lockout_minutes`` (login security settings) block further attempts from
that address for the rest of the window.

The counters are kept in the memory of each Zope process, not in the ZODB: a write on
every failure would cause conflict errors exactly when someone hammers the portal, and
losing the counters on a restart only shortens one window. With several instances the
limit applies per instance. (The persistent counters are per account, see
``kanzlei.akte.pas.lockout``, and per invitation, see ``invitations.py``.)

The address is ``kanzlei.akte.pas.clientip.client_ip``: the socket peer, or what
``X-Forwarded-For`` names only when the peer is a configured trusted proxy.
"""

from collections import deque
from kanzlei.akte.pas import settings

import threading
import time


MAX_KEYS = 100_000  # bounded memory under a wide attack


class FailureCounter:
    """Timestamps of failures per key in a sliding window (thread-safe)."""

    def __init__(self):
        self.failures = {}
        self.lock = threading.Lock()

    def recent(self, key, now, window):
        entries = self.failures.get(key)
        if entries is None:
            return None
        while entries and entries[0] <= now - window:
            entries.popleft()
        if not entries:
            del self.failures[key]
            return None
        return entries

    def count(self, key, window, now=None):
        now = time.time() if now is None else now
        with self.lock:
            entries = self.recent(key, now, window)
            return len(entries) if entries else 0

    def add(self, key, window, now=None):
        now = time.time() if now is None else now
        with self.lock:
            entries = self.recent(key, now, window)
            if entries is None:
                entries = self.failures[key] = deque()
            entries.append(now)
            if len(self.failures) > MAX_KEYS:
                for other in list(self.failures):
                    self.recent(other, now, window)

    def reset(self, key=None):
        with self.lock:
            if key is None:
                self.failures.clear()
            else:
                self.failures.pop(key, None)


ip_failures = FailureCounter()


def window_seconds(context=None):
    return settings.get("lockout_minutes", context) * 60


def ip_blocked(ip, context=None, now=None):
    if not ip:
        return False
    count = ip_failures.count(ip, window_seconds(context), now)
    return count >= settings.get("ip_max_failures", context)


def record_ip_failure(ip, context=None, now=None):
    if ip:
        ip_failures.add(ip, window_seconds(context), now)


def reset_ip_counters():
    """Forget all per-IP failures (staff action after a false alarm; tests)."""
    ip_failures.reset()
