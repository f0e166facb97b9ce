"""Brute-force protection: per account (persistent) and per IP address (in memory).

- Per account: ``max_failures`` wrong logins (default 10) within ``lockout_minutes``
  (default 15) lock the login for ``lockout_minutes``. Kept in the ZODB on the PAS
  plugin (survives a restart), committed in a transaction of its own
  (``storage.write``). Unknown login names are counted too, so a lockout tells
  nobody whether an account exists. Staff unlock with ``unlock(login)``.
- Per IP address: ``ip_max_failures`` (default 20) wrong logins within
  ``lockout_minutes`` block further password logins from that address for the rest of
  the window. Kept in memory of this process only (a restart forgets it; several
  instances count separately). The address is the socket peer (``clientip.py``).
"""

from BTrees.OOBTree import OOBTree
from collections import defaultdict
from collections import deque
from kanzlei.akte.pas import settings
from kanzlei.akte.pas import storage

import threading
import time
import unicodedata


_ip_failures = defaultdict(deque)
_ip_lock = threading.Lock()


def normalize(login):
    return unicodedata.normalize("NFC", (login or "").strip()).casefold()


def _window(context=None):
    return settings.get("lockout_minutes", context) * 60


def _table(plugin):
    if getattr(plugin, "_lockouts", None) is None:
        plugin._lockouts = OOBTree()
    return plugin._lockouts


# --- per account -------------------------------------------------------------


def locked_until(plugin, login, now=None):
    """Epoch seconds until which the login is locked, or None."""
    now = now or time.time()
    table = getattr(plugin, "_lockouts", None)
    if not table:
        return None
    entry = table.get(normalize(login))
    if entry and entry[2] and entry[2] > now:
        return entry[2]
    return None


def record_failure(plugin, login, now=None):
    """Count a failure for ``login``; True when the login is (now) locked."""
    now = now or time.time()
    key = normalize(login)
    if not key:
        return False
    window = _window(plugin)
    limit = settings.get("max_failures", plugin)

    def change(obj):
        table = _table(obj)
        count, first, until = table.get(key, (0, now, 0))
        if until and until > now:
            return True
        if now - first > window or until:
            count, first = 0, now
        count += 1
        until = now + window if count >= limit else 0
        table[key] = (count, first, until)
        _forget_expired(table, now, window)
        return bool(until)

    return storage.write(plugin, change)


def _forget_expired(table, now, window):
    """Keep the table small: drop entries whose window and lock are over."""
    stale = [
        k
        for k, (count, first, until) in table.items()
        if (until and until < now) or (not until and now - first > window)
    ]
    for k in stale[:50]:
        del table[k]


def clear(plugin, login):
    key = normalize(login)
    table = getattr(plugin, "_lockouts", None)
    if not table or key not in table:
        return False

    def change(obj):
        if key in _table(obj):
            del obj._lockouts[key]
        return True

    return storage.write(plugin, change)


def locked_logins(plugin, now=None):
    """[(login, until)] of the currently locked logins (normalized names)."""
    now = now or time.time()
    table = getattr(plugin, "_lockouts", None) or {}
    return sorted(
        (key, until) for key, (count, first, until) in table.items() if until > now
    )


def _plugin():
    from kanzlei.akte.pas.install import get_plugin
    from plone import api

    return get_plugin(api.portal.get())


def unlock(login):
    """Staff action (and hook for the Mandant's access panel): lift a lockout."""
    plugin = _plugin()
    return bool(plugin is not None and clear(plugin, login))


def is_locked(login):
    plugin = _plugin()
    return bool(plugin is not None and locked_until(plugin, login))


# --- per IP address ----------------------------------------------------------


def _prune(entries, now, window):
    while entries and now - entries[0] > window:
        entries.popleft()


def ip_blocked(ip, context=None, now=None):
    if not ip:
        return False
    now = now or time.time()
    with _ip_lock:
        entries = _ip_failures.get(ip)
        if not entries:
            return False
        _prune(entries, now, _window(context))
        return len(entries) >= settings.get("ip_max_failures", context)


def record_ip_failure(ip, context=None, now=None):
    if not ip:
        return
    now = now or time.time()
    with _ip_lock:
        entries = _ip_failures[ip]
        _prune(entries, now, _window(context))
        entries.append(now)


def reset_ip_counters():
    """Forget all per-IP failures (staff action after a false alarm; tests)."""
    with _ip_lock:
        _ip_failures.clear()
