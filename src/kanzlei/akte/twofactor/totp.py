"""TOTP codes (RFC 6238: 6 digits, 30 s, SHA-1, what every authenticator app
knows), recovery codes and the QR code of the setup page.

A code is accepted for the current 30-second step and one step either side (clock
drift of a phone); each step is accepted once per user (``store.py`` keeps the last
one), so a code seen over someone's shoulder cannot be used again.
"""

from pyotp import random_base32
from pyotp import TOTP
from pyotp.utils import strings_equal

import re
import secrets
import segno
import time


DIGITS = 6
DRIFT_STEPS = 1
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_GROUPS = 3
RECOVERY_GROUP_LENGTH = 4
MAX_INPUT = 64
_SPACES = re.compile(r"[\s-]+")


def new_secret():
    """160 random bits, base32 (RFC 4226 recommends at least 128)."""
    return random_base32(32)


def readable_secret(secret):
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret, account, issuer):
    return TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri, title):
    """The QR code as inline SVG markup (made here, no external service)."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=4, title=title, dark="#000", light="#fff"
    )


def clean(code):
    """What the user typed, without blanks and dashes, lower case (or "")."""
    if not isinstance(code, str) or len(code) > MAX_INPUT:
        return ""
    return _SPACES.sub("", code).lower()


def looks_like_totp(code):
    return len(code) == DIGITS and code.isdigit()


def matching_step(secret, code, after_step=0, now=None):
    """The time step ``code`` belongs to (newer than ``after_step``), else None."""
    if not looks_like_totp(code):
        return None
    totp = TOTP(secret)
    current = totp.timecode(now or time.time())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step > after_step and strings_equal(code, totp.generate_otp(step)):
            return step
    return None


def new_recovery_codes():
    """Ten codes like ``k7pq-3mzx-w9ad`` (about 70 bits each)."""

    def group():
        return "".join(
            secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH)
        )

    return [
        "-".join(group() for _ in range(RECOVERY_GROUPS)) for _ in range(RECOVERY_COUNT)
    ]


def recovery_key(code):
    """The form of a recovery code that is hashed and compared (no dashes)."""
    return clean(code)
