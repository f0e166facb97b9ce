"""Zope's form converters (``?x:int=abc``, ``:date``, ``:json`` …) refuse bad values
with a 400 and a German message instead of a ValueError (500).

The conversion runs before traversal (no site, no browser layer yet), so the refusal
is its own exception class with its own error view (registered without layer).
``install()`` wraps the converters of ``ZPublisher.Converters.type_converters`` (the
registry Zope documents for converters) once, at start-up.
"""

from DateTime.interfaces import DateTimeError
from kanzlei.akte import _
from zExceptions import BadRequest
from ZPublisher.Converters import type_converters

import functools


INVALID_FORM_VALUE = _(
    "error_invalid_form_value",
    default="Ein Wert in der Anfrage hat nicht die erwartete Form (z. B. eine Zahl "
    "oder ein Datum).",
)


class InvalidFormValue(BadRequest):
    """A form value Zope could not convert: 400."""

    msgid = INVALID_FORM_VALUE


def refusing(converter):
    @functools.wraps(converter)
    def convert(value):
        try:
            return converter(value)
        except (ValueError, TypeError, SyntaxError, DateTimeError):
            raise InvalidFormValue(str(INVALID_FORM_VALUE.default)) from None

    convert.akte_refusing = True
    return convert


def install():
    for name, converter in list(type_converters.items()):
        if not getattr(converter, "akte_refusing", False):
            type_converters[name] = refusing(converter)
