"""Virus scanning of every file that comes in, by ClamAV's clamd (``AKTE_CLAMD``).

Called by the guard (``guard.check_file``) for every Dokument that is added or gets
a new file, whoever stores it, before the transaction commits: an infected file is
refused (422) and the request aborted, so nothing is stored. When clamd is set but
cannot be asked, the file is refused as well (503, fail closed). Without
``AKTE_CLAMD`` nothing is scanned and the control panel says so
(``missing_scanner_warning``).

Every refusal is logged (logger ``kanzlei.akte``, WARNING: user, path, virus name;
never file content).
"""

from kanzlei.akte import _
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.instance.config import clamd_address
from kanzlei.akte.uploads import clamav
from plone import api
from zExceptions import BadRequest

import logging


logger = logging.getLogger("kanzlei.akte")


class UnprocessableEntity(BadRequest):
    """An infected file: 422 (Zope maps the class name)."""


class ServiceUnavailable(BadRequest):
    """The scanner cannot be asked: 503 (Zope maps the class name)."""


INFECTED = _(
    "upload_error_virus",
    default="Die Datei enthält Schadsoftware und wurde nicht angenommen. "
    "Bitte prüfen Sie Ihr Gerät mit einem Virenschutzprogramm.",
)
UNAVAILABLE = _(
    "upload_error_scanner_unavailable",
    default="Virenprüfung zurzeit nicht möglich: die Datei wurde nicht angenommen. "
    "Bitte versuchen Sie es später noch einmal.",
)


def enabled():
    return bool(clamd_address())


def who():
    if api.user.is_anonymous():
        return "anonymous"
    return api.user.get_current().getId()


def check_blob(file, where):
    """Raise a refusal if clamd finds something in ``file`` (a NamedBlobFile) or
    cannot be asked; nothing when ``AKTE_CLAMD`` is not set."""
    address = clamd_address()
    if not address:
        return
    try:
        with file.open() as stream:
            found = clamav.scan(address, stream)
    except clamav.ScannerUnavailable as error:
        logger.warning(
            "Upload refused, virus scanner unavailable (%s): user=%s path=%s",
            error,
            who(),
            where,
        )
        raise refusal(ServiceUnavailable, UNAVAILABLE) from None
    if found:
        logger.warning(
            "Upload refused, virus found: user=%s path=%s virus=%s",
            who(),
            where,
            found,
        )
        raise refusal(UnprocessableEntity, INFECTED)


def missing_scanner_warning():
    """A German warning for the firm admin while uploads are not scanned, else None."""
    if enabled():
        return None
    return _(
        "warning_no_virus_scanner",
        default="Hochgeladene Dateien werden nicht auf Viren geprüft: es ist kein "
        "Virenscanner (ClamAV clamd, Umgebungsvariable AKTE_CLAMD) eingerichtet. "
        "Bitte wenden Sie sich an den Betreuer des Servers.",
    )
