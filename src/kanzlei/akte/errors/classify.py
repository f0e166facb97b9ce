"""What an exception means for the caller: (status, type, German message).

Errors a client or integrator causes with their input (bad JSON, a value Zope or the
catalog cannot convert, undecodable text, JSON nested too deeply, a batch size that
makes no sense) are 400, never 500. Zope's own HTTP errors keep their status. A
message of our own (an exception carrying ``msgid``) is shown as it is; other texts
(English, technical) are replaced by a German one for the status.
"""

from DateTime.interfaces import DateTimeError
from kanzlei.akte import _
from plone.restapi.exceptions import DeserializationError
from plone.restapi.exceptions import QueryParsingError
from zExceptions import HTTPException
from zope.globalrequest import getRequest
from zope.i18n import translate
from ZPublisher.HTTPResponse import status_codes

import uuid


INVALID_CHARACTERS = _(
    "error_invalid_characters",
    default="Die Anfrage enthält ungültige Zeichen (kein UTF-8).",
)

BAD_INPUT = (
    (
        DeserializationError,
        _(
            "error_invalid_json",
            default="Der Inhalt der Anfrage ist kein gültiges JSON.",
        ),
    ),
    (
        RecursionError,
        _(
            "error_too_deep",
            default="Die Anfrage ist zu tief verschachtelt und wurde abgelehnt.",
        ),
    ),
    (UnicodeError, INVALID_CHARACTERS),
    (
        (ValueError, DateTimeError, QueryParsingError),
        _(
            "error_invalid_value",
            default="Die Anfrage enthält einen ungültigen Wert (z. B. eine Zahl oder "
            "ein Datum in falscher Form).",
        ),
    ),
    (
        AssertionError,
        _("error_invalid_value_generic", default="Die Anfrage ist ungültig."),
    ),
)

BY_STATUS = {
    400: _("error_400", default="Die Anfrage ist ungültig."),
    401: _("error_401", default="Bitte melden Sie sich an."),
    403: _("error_403", default="Dafür fehlt Ihnen die Berechtigung."),
    404: _("error_404", default="Diese Seite oder Ressource gibt es nicht."),
    405: _("error_405", default="Diese Methode ist hier nicht erlaubt."),
    409: _("error_409", default="Die Anfrage steht im Konflikt mit dem Bestand."),
    413: _("error_413", default="Die Anfrage ist zu groß."),
    415: _("error_415", default="Dieser Inhaltstyp wird nicht angenommen."),
}


def server_error(reference):
    return _(
        "error_500",
        default="Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch "
        "einmal. Wenn der Fehler bleibt, nennen Sie der Kanzlei die Fehlernummer "
        "${reference}.",
        mapping={"reference": reference},
    )


def refusal(kind, message):
    """An exception of class ``kind`` (its name gives the status, e.g. Forbidden,
    RequestEntityTooLarge) carrying a German message id, translated for ``str``."""
    refused = kind(translate(message, context=getRequest()))
    refused.msgid = message
    return refused


def zope_status(exception):
    """The status Zope answers for this exception (by class name, like Zope)."""
    name = type(exception).__name__.lower()
    if name in status_codes:
        return status_codes[name]
    if isinstance(exception, HTTPException):
        return exception.getStatus()
    return 500


def classify(exception):
    """(status, type, message, reference): reference is set for server errors."""
    status = zope_status(exception)
    own = getattr(exception, "msgid", None)
    if status == 500:
        for kind, message in BAD_INPUT:
            if isinstance(exception, kind):
                return 400, "BadRequest", own or message, None
        reference = uuid.uuid4().hex[:12]
        return 500, "InternalServerError", server_error(reference), reference
    name = type(exception).__name__
    return status, name, own or BY_STATUS.get(status, BY_STATUS[400]), None
