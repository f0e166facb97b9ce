"""Where a user's second factor is kept: on our PAS plugin (``second_factors``).

Not a member property: nothing of it is in ``@users``, ``portal_memberdata``, the
member search or any export; only this module reads it. Per user id a plain dict
(replaced, never changed in place): ``secret`` (the TOTP secret; it has to be
readable to compute codes), ``recovery`` (argon2 hashes of the unused recovery
codes, ``pas/hashing.py``), ``enabled`` (epoch seconds; also the "generation" that
ends pending logins when the factor is reset) and ``last_step`` (the last TOTP step
accepted, against replay).

Changes are committed in a transaction of their own (``pas/storage.py``), like the
lockout bookkeeping: a used recovery code stays used even when the request fails.
"""

from BTrees.OOBTree import OOBTree
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas import storage
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.twofactor import totp
from plone import api

import time


ATTRIBUTE = "second_factors"


def plugin():
    return get_plugin(api.portal.get())


def table(obj):
    if getattr(obj, ATTRIBUTE, None) is None:
        setattr(obj, ATTRIBUTE, OOBTree())
    return getattr(obj, ATTRIBUTE)


def record(pas_plugin, userid):
    """The stored dict of ``userid`` or None (no second factor)."""
    factors = getattr(pas_plugin, ATTRIBUTE, None) if pas_plugin is not None else None
    if not factors or not userid:
        return None
    return factors.get(userid)


def is_enabled(pas_plugin, userid):
    return record(pas_plugin, userid) is not None


def enable(pas_plugin, userid, secret, recovery_codes, now=None):
    """Activate (after the user confirmed a code of this secret)."""
    hashes = tuple(
        hashing.hash_secret(totp.recovery_key(code)) for code in recovery_codes
    )
    entry = {
        "secret": secret,
        "recovery": hashes,
        "enabled": now or time.time(),
        "last_step": 0,
    }

    def change(obj):
        table(obj)[userid] = entry

    storage.write(pas_plugin, change)


def remove(pas_plugin, userid):
    """Switch off / reset; True when there was a second factor."""
    if not is_enabled(pas_plugin, userid):
        return False

    return storage.write(
        pas_plugin, lambda obj: table(obj).pop(userid, None) is not None
    )


def recovery_left(pas_plugin, userid):
    found = record(pas_plugin, userid)
    return len(found["recovery"]) if found else 0


def check_code(pas_plugin, userid, code, now=None):
    """``"totp"`` or ``"recovery"`` when ``code`` is right (and now used up), else
    None. Checked and used up in one transaction of its own, so two requests with
    the same code cannot both succeed."""
    code = totp.clean(code)
    if not code or pas_plugin is None:
        return None

    def change(obj):
        entry = table(obj).get(userid)
        if entry is None:
            return None
        step = totp.matching_step(entry["secret"], code, entry["last_step"], now)
        if step is not None:
            table(obj)[userid] = {**entry, "last_step": step}
            return "totp"
        if totp.looks_like_totp(code):
            return None
        for stored in entry["recovery"]:
            if hashing.verify_secret(stored, code):
                left = tuple(h for h in entry["recovery"] if h != stored)
                table(obj)[userid] = {**entry, "recovery": left}
                return "recovery"
        return None

    return storage.write(pas_plugin, change)


def generation(pas_plugin, userid):
    found = record(pas_plugin, userid)
    return repr(found["enabled"]) if found else ""
