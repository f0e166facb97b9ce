"""The firm's upload limit for files that come in through the standard REST endpoints
(POST/PATCH with base64, plone.restapi's ``@tus-upload``): 413, nothing stored.

Our own ``@akte-dokument``/``@akte-upload`` check earlier, before reading the file.
"""

from kanzlei.akte import _
from kanzlei.akte import settings
from plone.rest.interfaces import IAPIRequest
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent.interfaces import IObjectAddedEvent


class RequestEntityTooLarge(BadRequest):
    """Zope answers 413 for this class name; plone.rest renders it as JSON."""


def _file_changed(event):
    for description in getattr(event, "descriptions", ()) or ():
        if "file" in getattr(description, "attributes", ()):
            return True
    return False


def check_size(obj, event):
    request = getRequest()
    if request is None or not IAPIRequest.providedBy(request):
        return
    if not IObjectAddedEvent.providedBy(event) and not _file_changed(event):
        return
    file = getattr(obj, "file", None)
    limit = settings.get("max_upload_mb")
    if file is not None and file.getSize() > limit * 1024 * 1024:
        raise RequestEntityTooLarge(
            translate(
                _(
                    "api_error_too_large",
                    default="Die Datei ist zu groß (höchstens ${limit} MB).",
                    mapping={"limit": limit},
                ),
                context=request,
            )
        )
