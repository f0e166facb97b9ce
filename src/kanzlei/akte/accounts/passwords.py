"""The password policy of the Online-Akte (registration, password change and reset).

``check_password(password, username, fullname)`` returns a list of German (or, with an
English request, English) messages; an empty list means the password is acceptable.
``password_problems`` returns the same as untranslated message ids.

Rules: at least 8 characters (and at most 200, so hashing stays cheap); not one of the
10,000 most common passwords (``common-passwords.txt``, also with digits or signs
appended); not containing the username or a part of the person's name; not a trivial
sequence, keyboard row or repetition (``12345678``, ``aaaaaaaa``, ``abcabcabc``).
Long passphrases pass as long as they are not one of the above.
"""

from functools import lru_cache
from kanzlei.akte import _
from pathlib import Path
from zope.globalrequest import getRequest
from zope.i18n import translate

import re


MIN_LENGTH = 8
MAX_LENGTH = 200
COMMON_PASSWORDS_FILE = Path(__file__).parent / "common-passwords.txt"

# Rows of German and English keyboards, and the digits, both directions are checked.
KEYBOARD_ROWS = (
    "1234567890ß",
    "qwertzuiopü",
    "qwertyuiop",
    "asdfghjklöä",
    "asdfghjkl",
    "yxcvbnm",
    "zxcvbnm",
    "abcdefghijklmnopqrstuvwxyz",
)

MSG_TOO_SHORT = _(
    "onboarding_pw_too_short",
    default="Das Passwort muss mindestens 8 Zeichen lang sein.",
)
MSG_TOO_LONG = _(
    "onboarding_pw_too_long",
    default="Das Passwort darf höchstens 200 Zeichen lang sein.",
)
MSG_COMMON = _(
    "onboarding_pw_common",
    default="Dieses Passwort gehört zu den am häufigsten verwendeten Passwörtern und "
    "ist leicht zu erraten. Bitte wählen Sie ein anderes, zum Beispiel einen Satz "
    "aus mehreren Wörtern.",
)
MSG_USERNAME = _(
    "onboarding_pw_contains_username",
    default="Das Passwort darf Ihren Benutzernamen nicht enthalten.",
)
MSG_NAME = _(
    "onboarding_pw_contains_name",
    default="Das Passwort darf Ihren Namen nicht enthalten.",
)
MSG_TRIVIAL = _(
    "onboarding_pw_trivial",
    default="Das Passwort ist eine einfache Folge oder Wiederholung von Zeichen "
    "(wie „12345678“, „aaaaaaaa“ oder „qwertz“). Bitte wählen Sie ein Passwort, "
    "das schwerer zu erraten ist.",
)


@lru_cache(maxsize=1)
def common_passwords():
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and line[0] != "#"
    )


def is_common(password):
    lowered = password.lower()
    common = common_passwords()
    if lowered in common:
        return True
    # "sommer2026!", "Passwort!!": a common word with digits or signs appended/prepended
    stripped = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    return len(stripped) >= 4 and stripped in common


def _is_sequence(text):
    """Characters that go up or down one step each time ("12345678", "hgfedcba")."""
    if len(text) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})


def _is_repetition(text):
    """The same short block repeated ("aaaaaaaa", "abcabcabc", "12121212")."""
    for size in range(1, min(4, len(text) // 2) + 1):
        block = text[:size]
        if block * (len(text) // size) + block[: len(text) % size] == text:
            return True
    return False


def _is_keyboard_row(text):
    if len(text) < 4:
        return False
    return any(text in row or text in row[::-1] for row in KEYBOARD_ROWS)


def is_trivial(password):
    lowered = password.lower()
    if len(set(lowered)) <= 2:
        return True
    if _is_sequence(lowered) or _is_repetition(lowered) or _is_keyboard_row(lowered):
        return True
    # a trivial run followed or preceded by one made of digits only ("abcd1234")
    for cut in range(3, len(lowered) - 2):
        head, tail = lowered[:cut], lowered[cut:]
        parts_trivial = all(
            _is_sequence(p) or _is_repetition(p) or _is_keyboard_row(p)
            for p in (head, tail)
        )
        if parts_trivial:
            return True
    return False


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _name_parts(fullname):
    parts = set()
    for part in re.split(r"[\s,.;:/&()+\-]+", (fullname or "").lower()):
        if len(part) >= 4:
            parts.update({part, part.translate(UMLAUTS)})
    return parts


def password_problems(password, username="", fullname=""):
    """Untranslated messages (i18n message ids with German defaults)."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return [MSG_TOO_SHORT]
    if len(password) > MAX_LENGTH:
        return [MSG_TOO_LONG]
    problems = []
    lowered = password.lower()
    if is_trivial(password):
        problems.append(MSG_TRIVIAL)
    elif is_common(password):
        problems.append(MSG_COMMON)
    if username and len(username) >= 3 and username.lower() in lowered:
        problems.append(MSG_USERNAME)
    name_parts = _name_parts(fullname)
    if any(part in lowered for part in name_parts):
        problems.append(MSG_NAME)
    return problems


def translate_messages(messages, request=None):
    request = request if request is not None else getRequest()
    if request is None:
        return [translate(m, target_language="de") for m in messages]
    return [translate(m, context=request) for m in messages]


def check_password(password, username="", fullname=""):
    """German error messages for the current request; [] if acceptable."""
    return translate_messages(password_problems(password, username, fullname))
