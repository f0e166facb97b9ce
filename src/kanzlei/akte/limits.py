"""The one place for the bounds of text a client, staff member or integration sends.

Schema fields use ``max_length`` and ``constraint=clean_text`` (so Plone's add/edit
forms, REST ``POST``/``PATCH`` and our endpoints refuse the same), the pages read
form values through ``form_text``.
"""

from kanzlei.akte.errors.classify import INVALID_CHARACTERS
from kanzlei.akte.errors.classify import refusal
from zExceptions import BadRequest
from zope.schema.interfaces import ValidationError

import re


MAX_LINE = 200  # titles, subjects, names, search terms
MAX_KEY = 100  # client number, Aktenzeichen, external ids
MAX_TEXT = 20000  # message texts, correction requests
MAX_ADDRESS = 1000  # multi-line addresses

# control characters other than tab and line breaks; lone surrogates (bytes that
# were no UTF-8, kept by Zope's "surrogateescape")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class InvalidCharacters(ValidationError):
    __doc__ = INVALID_CHARACTERS


def clean_text(value):
    """zope.schema constraint: no control characters, valid Unicode only (a
    ValidationError, so forms and plone.restapi report it as a field error)."""
    if isinstance(value, str) and _FORBIDDEN.search(value):
        raise InvalidCharacters(value)
    return True


def form_text(request, name, max_length=None):
    """A form value as clean, stripped text ("" when missing).

    Repeated parameters (``?q=a&q=b``) give the first; invalid characters are
    refused (400) before anything is stored; ``max_length`` cuts search terms (the
    forms check lengths themselves, to tell the user).
    """
    value = request.form.get(name)
    if isinstance(value, (list, tuple)):
        value = next((item for item in value if isinstance(item, str)), "")
    if not isinstance(value, str):
        return ""
    if _FORBIDDEN.search(value):
        raise refusal(BadRequest, INVALID_CHARACTERS)
    value = value.strip()
    return value[:max_length] if max_length else value
