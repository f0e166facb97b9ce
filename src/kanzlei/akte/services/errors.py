"""Errors of the integration API: JSON with ``type`` and ``message``, right status."""

from kanzlei.akte import _
from zExceptions import BadRequest
from zope.i18n import translate


class APIError(Exception):
    """Raised in a service; rendered as JSON, nothing of the request is committed."""

    status = 400
    type = "BadRequest"

    def __init__(self, message, errors=None, **extra):
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.extra = extra

    def render(self, request):
        body = {"type": self.type, "message": _translate(self.message, request)}
        if self.errors:
            body["errors"] = [
                {"field": field, "message": _translate(message, request)}
                for field, message in self.errors
            ]
        body.update(self.extra)
        return body


class ValidationError(APIError):
    status = 400
    type = "ValidationError"


class NotFoundError(APIError):
    status = 404
    type = "NotFound"


class ForbiddenError(APIError):
    status = 403
    type = "Forbidden"


class ConflictError(APIError):
    status = 409
    type = "Conflict"


class TooLargeError(APIError):
    status = 413
    type = "RequestEntityTooLarge"


class Conflict(BadRequest):
    """Raised by content subscribers (standard REST POST/PATCH): Zope maps it to 409."""


def _translate(message, request):
    return translate(message, context=request) if message is not None else ""


def too_large(limit_mb):
    return TooLargeError(
        _(
            "api_error_too_large",
            default="Die Datei ist zu groß (höchstens ${limit} MB).",
            mapping={"limit": limit_mb},
        )
    )
