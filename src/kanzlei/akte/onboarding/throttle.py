"""Failures per client IP address, in a sliding window (registration page).

The counters are kept in the memory of each Zope process, not in the ZODB: a write on
every failure would cause conflict errors exactly when someone hammers the page, and
losing the counters on a restart only shortens one window. With several instances the
limit applies per instance. (The per-invitation count of wrong codes, which locks an
invitation after 5, is persistent: see invitations.py.)

The address is the one the login protection uses (``kanzlei.akte.pas.clientip``): the
direct peer (REMOTE_ADDR), or the address an ``X-Forwarded-For`` header names only when
the peer is one of the trusted proxies of the login security settings
(``kanzlei.akte.login.trusted_proxies``). A forged ``X-Forwarded-For`` from anywhere
else is ignored.
"""

from collections import deque

import threading
import time


class FailureCounter:
    def __init__(self, limit, window_seconds):
        self.limit = limit
        self.window = window_seconds
        self._failures = {}
        self._lock = threading.Lock()

    def _recent(self, key, now):
        entries = self._failures.get(key)
        if entries is None:
            return None
        while entries and entries[0] <= now - self.window:
            entries.popleft()
        if not entries:
            del self._failures[key]
            return None
        return entries

    def is_blocked(self, key, now=None):
        now = time.time() if now is None else now
        with self._lock:
            entries = self._recent(key, now)
            return entries is not None and len(entries) >= self.limit

    def add_failure(self, key, now=None):
        now = time.time() if now is None else now
        with self._lock:
            entries = self._recent(key, now)
            if entries is None:
                entries = self._failures[key] = deque()
            entries.append(now)
            if len(self._failures) > 100_000:  # bounded memory under a wide attack
                self._prune(now)

    def _prune(self, now):
        for key in list(self._failures):
            self._recent(key, now)

    def reset(self, key=None):
        with self._lock:
            if key is None:
                self._failures.clear()
            else:
                self._failures.pop(key, None)


IP_FAILURE_LIMIT = 20
IP_WINDOW_SECONDS = 3600

registration_failures = FailureCounter(IP_FAILURE_LIMIT, IP_WINDOW_SECONDS)


def client_address(request):
    try:
        from kanzlei.akte.pas.clientip import client_ip
    except ImportError:  # pragma: no cover - the login part is not there
        return request.getClientAddr() or "unknown"
    return client_ip(request) or "unknown"
