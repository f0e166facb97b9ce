"""Brute-force protection per account (persistent); per IP see ``accounts.failures``.

``max_failures`` wrong logins (default 10) within ``lockout_minutes`` (default 15, a
sliding window: each failure counts for that long) lock the login for
``lockout_minutes``. Kept in the ZODB on the PAS plugin (survives a
restart), committed in a transaction of its own (``storage.write``). Unknown login
names are counted too, so a lockout tells nobody whether an account exists; they are
stored only as a short hash (``names.bounded_key``) and pruned when their window is
over, so long or many invented names cannot fill the database. Staff unlock with
``unlock(login)``.
"""

from BTrees.OOBTree import OOBTree
from kanzlei.akte.accounts.failures import window_seconds
from kanzlei.akte.accounts.names import bounded_key
from kanzlei.akte.accounts.names import normalize
from kanzlei.akte.pas import settings
from kanzlei.akte.pas import storage
from kanzlei.akte.pas.lookup import get_plugin
from plone import api

import time


LABEL_LENGTH = 64


def table(plugin):
    if getattr(plugin, "lockouts", None) is None:
        plugin.lockouts = OOBTree()
    return plugin.lockouts


def entry(plugin, login):
    """(failure times, until, label) or None."""
    lockouts = getattr(plugin, "lockouts", None)
    if not lockouts or not normalize(login):
        return None
    return lockouts.get(bounded_key(login))


def locked_until(plugin, login, now=None):
    """Epoch seconds until which the login is locked, or None."""
    now = now or time.time()
    found = entry(plugin, login)
    if found and found[1] and found[1] > now:
        return found[1]
    return None


def record_failure(plugin, login, known=False, now=None):
    """Count a failure for ``login``; True when the login is (now) locked.

    Only a ``known`` login (an existing account) keeps its name as a label for the
    staff's list of locked accounts; an unknown one is kept as a hash only.
    """
    now = now or time.time()
    if not normalize(login):
        return False
    key = bounded_key(login)
    label = normalize(login)[:LABEL_LENGTH] if known else ""
    window = window_seconds(plugin)
    limit = settings.get("max_failures", plugin)

    def change(obj):
        lockouts = table(obj)
        times, until, _label = lockouts.get(key, ((), 0, label))
        if until and until > now:
            return True
        recent = (*(t for t in times if now - t < window and not until), now)
        recent = recent[-limit:]
        until = now + window if len(recent) >= limit else 0
        lockouts[key] = (recent, until, label)
        forget_expired(lockouts, now, window)
        return bool(until)

    return storage.write(plugin, change)


def forget_expired(lockouts, now, window):
    """Keep the table small: drop entries whose window and lock are over."""
    stale = [
        k
        for k, (times, until, label) in lockouts.items()
        if (until and until < now) or (not until and now - max(times) > window)
    ]
    for k in stale[:50]:
        del lockouts[k]


def clear(plugin, login):
    if entry(plugin, login) is None:
        return False
    key = bounded_key(login)

    def change(obj):
        lockouts = table(obj)
        if key in lockouts:
            del lockouts[key]
        return True

    return storage.write(plugin, change)


def locked_logins(plugin, now=None):
    """[(label, until)] of the currently locked logins ("" for unknown names)."""
    now = now or time.time()
    lockouts = getattr(plugin, "lockouts", None) or {}
    return sorted(
        (label, until) for (times, until, label) in lockouts.values() if until > now
    )


def unlock(login):
    """Staff action (and hook for the Mandant's access panel): lift a lockout."""
    plugin = get_plugin(api.portal.get())
    return bool(plugin is not None and clear(plugin, login))


def is_locked(login):
    plugin = get_plugin(api.portal.get())
    return bool(plugin is not None and locked_until(plugin, login))
