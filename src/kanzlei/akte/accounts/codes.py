"""Activation codes and invitation tokens.

The code goes to the client on a second channel (letter); the token is in the link of
the invitation e-mail. Both are stored only as hashes: the token as SHA-256 (it has 256
random bits, so a fast hash is enough and allows an O(1) look-up), the code with
argon2id (it has about 50 bits, so the hash must be slow), with the one hasher
of ``kanzlei.akte.pas.hashing``.
"""

from kanzlei.akte.pas import hashing

import hashlib
import re
import secrets


# No 0/O, 1/l/I (and no L, because codes are case-insensitive): 31 characters.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 10 * log2(31) = 49.5 bits
CODE_GROUPS = (4, 4, 2)  # K7QM-4XWP-R2


def generate_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw):
    parts, start = [], 0
    for size in CODE_GROUPS:
        parts.append(raw[start : start + size])
        start += size
    return "-".join(parts)


def normalize_code(code):
    """Upper case, without spaces, dashes or other separators."""
    return re.sub(r"[^0-9A-Za-z]", "", code or "").upper()


def hash_code(code):
    return hashing.hash_secret(normalize_code(code))


def verify_code(code_hash, code):
    normalized = normalize_code(code)
    if not normalized or len(normalized) > 4 * CODE_LENGTH:
        return False
    return hashing.verify_secret(code_hash, normalized)


def generate_token():
    """A URL-safe random token of 256 bits."""
    return secrets.token_urlsafe(32)


def hash_token(token):
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()
