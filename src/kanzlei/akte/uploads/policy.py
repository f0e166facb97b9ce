"""What the firm accepts, for every way a file comes in: size (``max_upload_mb``) and
type (``allowed_upload_extensions``, for files of clients; the firm's staff and the
law-office software may store any type, e.g. the e-Akte's XML).

``problem(filename, size, check_type)`` returns the refusal (an exception carrying a
German, translated message; its class name gives Zope and plone.rest the status: 400,
413, 415) or None; ``check`` raises it.
"""

from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.uploads.names import extension
from plone import api
from zExceptions import BadRequest


MB = 1024 * 1024
TRUSTED_ROLES = frozenset({"Manager", "Site Administrator", "Kanzlei", "Integration"})


class RequestEntityTooLarge(BadRequest):
    """Too large: 413 (Zope maps the class name)."""


class UnsupportedMediaType(BadRequest):
    """A type the firm does not accept: 415 (Zope maps the class name)."""


def limits():
    return {
        "max_mb": settings.get("max_upload_mb"),
        "extensions": sorted(
            {
                e.strip().lower().lstrip(".")
                for e in settings.get("allowed_upload_extensions") or ()
                if e and e.strip()
            }
        ),
    }


def max_bytes():
    return limits()["max_mb"] * MB


def trusted_uploader(context):
    """Staff and integrations may store files of any type (not clients, nobody else)."""
    if api.user.is_anonymous():
        return False
    return bool(TRUSTED_ROLES & set(api.user.get_roles(obj=context)))


def type_problem(filename):
    allowed = limits()["extensions"]
    if extension(filename) in allowed:
        return None
    return refusal(
        UnsupportedMediaType,
        _(
            "client_upload_bad_type",
            default="Dieser Dateityp ist nicht erlaubt. Erlaubt sind: ${types}.",
            mapping={"types": ", ".join(allowed)},
        ),
    )


def size_problem(size):
    max_mb = limits()["max_mb"]
    if size > max_mb * MB:
        return refusal(
            RequestEntityTooLarge,
            _(
                "client_upload_too_big",
                default="Die Datei ist größer als ${max} MB und wurde nicht "
                "hochgeladen.",
                mapping={"max": max_mb},
            ),
        )
    if size <= 0:
        return refusal(
            BadRequest, _("client_upload_empty", default="Die Datei ist leer.")
        )
    return None


def problem(filename, size, check_type=True):
    if not filename:
        return refusal(
            BadRequest,
            _("client_upload_no_file", default="Bitte wählen Sie eine Datei aus."),
        )
    return (check_type and type_problem(filename)) or size_problem(size)


def check(filename, size, check_type=True):
    refused = problem(filename, size, check_type)
    if refused is not None:
        raise refused


def stream_size(upload):
    """The size of an uploaded file object (ZPublisher FileUpload, open file)."""
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    return size
