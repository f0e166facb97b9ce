"""The one login normaliser and the bound on credential fields.

Login names are compared, counted and locked in this form: NFC, without surrounding
blanks, case-folded. Every credential field is cut to ``MAX_CREDENTIAL_LENGTH``
characters before any bookkeeping, so nobody fills the database with long names.
"""

import hashlib
import unicodedata


MAX_CREDENTIAL_LENGTH = 256


def normalize(value):
    text = str(value or "")[:MAX_CREDENTIAL_LENGTH]
    return unicodedata.normalize("NFC", text.strip()).casefold()


def bounded_key(value):
    """A short key of fixed length for a login name (lockout bookkeeping)."""
    return hashlib.sha256(normalize(value).encode("utf-8")).hexdigest()[:32]
