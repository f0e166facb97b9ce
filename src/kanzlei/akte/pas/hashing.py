"""The one hasher: argon2id for passwords and activation codes.

Also the ``{ARGON2}`` password scheme for Zope's AuthEncoding.

Plone's user source (``source_users``) stores hashes in AuthEncoding's LDAP style
(``{SCHEME}hash``). We register ``ARGON2`` (argon2id, OWASP parameters) so that
``pw_validate`` understands our hashes; ``plugin.py`` and ``revocation.py`` write
them (new users, password changes, upgrade of older hashes at the next login).
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from AuthEncoding import AuthEncoding

import contextlib


SCHEME = "ARGON2"
PREFIX = "{ARGON2}"

# OWASP password storage cheat sheet, argon2id minimum: m=19 MiB, t=2, p=1.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def hash_secret(secret):
    """argon2id hash of a secret (password or activation code), without prefix."""
    return _hasher.hash(_text(secret))


def verify_secret(stored, secret):
    try:
        return _hasher.verify(_text(stored), _text(secret))
    except (VerificationError, InvalidHashError):
        return False


class Argon2Scheme:
    def encrypt(self, pw):
        return hash_secret(pw).encode("ascii")

    def validate(self, reference, attempt):
        return verify_secret(reference, attempt)


def register_scheme():
    if SCHEME not in AuthEncoding.listSchemes():
        AuthEncoding.registerScheme(SCHEME, Argon2Scheme())


def hash_password(password):
    """The stored form of a clear-text password: ``{ARGON2}$argon2id$...``."""
    return PREFIX + hash_secret(password)


_DUMMY = _hasher.hash("kanzlei.akte timing equalizer")


def dummy_verify(password):
    """Spend the time of a real check, so that unknown logins answer no faster."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_DUMMY, _text(password) + "\x00")


def is_current(stored):
    """True when a stored hash uses our scheme (no upgrade needed)."""
    return _text(stored or "").startswith(PREFIX)
