"""@akte-upload: TUS uploads (https://tus.io, protocol 1.0.0) for large files.

Like plone.restapi's ``@tus-upload`` the chunks go to a temporary file on disk
(``TUS_TMP_FILE_DIR``), never into memory. Unlike it, a finished upload does not
create content by itself: ``PUT @akte-dokument`` references it (``"file": {"upload":
"<id>"}``) together with the external document id and the metadata, and the file is
then moved into the blob storage (``blob.consumeFile``) without being read.
"""

from AccessControl import getSecurityManager
from base64 import b64decode
from kanzlei.akte import _
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.pas import compat
from kanzlei.akte.services.base import disable_csrf_for_explicit_credentials
from kanzlei.akte.services.base import USE_API
from kanzlei.akte.uploads import policy
from kanzlei.akte.uploads.names import sanitize_name
from plone import api
from plone.restapi.services.content import tus
from uuid import uuid4
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized

import os
import re
import tempfile


UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")


def tmp_dir():
    path = os.environ.get("TUS_TMP_FILE_DIR")
    if not path:
        client_home = os.environ.get("CLIENT_HOME")
        if client_home:
            path = os.path.join(client_home, "tus-uploads")
        else:
            path = os.path.join(tempfile.gettempdir(), "kanzlei-akte-tus")
    os.makedirs(path, exist_ok=True)
    return path


class AkteUpload(tus.TUSUpload):
    """A TUS upload in our temporary directory."""

    def __init__(self, uid, metadata=None):
        self.uid = uid
        self.tmp_dir = tmp_dir()
        self.filepath = os.path.join(self.tmp_dir, self.file_prefix + self.uid)
        self.metadata_path = self.filepath + ".json"
        compat.reset_tus_upload(self)
        if metadata is not None:
            self.initialize(metadata)

    @property
    def complete(self):
        length = self.length()
        return bool(length) and self.offset() == length


def get_upload(upload_id):
    """A finished upload by id, or None."""
    if not isinstance(upload_id, str) or not UPLOAD_ID.match(upload_id):
        return None
    upload = AkteUpload(upload_id)
    if not upload.metadata() or not upload.complete:
        return None
    return upload


def _check_permission(request, context):
    if not getSecurityManager().checkPermission(USE_API, context):
        if api.user.is_anonymous():
            raise Unauthorized("Authentication required")
        raise Forbidden("Missing permission to use the integration API")
    disable_csrf_for_explicit_credentials(request)


def parse_metadata(request):
    """The ``Upload-Metadata`` header as a dict; None when it is malformed."""
    metadata = {}
    for item in (request.getHeader("Upload-Metadata") or "").split(","):
        key_value = item.split()
        if len(key_value) == 2:
            try:
                metadata[key_value[0].lower()] = b64decode(key_value[1]).decode("utf-8")
            except ValueError:
                return None
    return metadata


def announced_length(request):
    """The ``Upload-Length`` header as an int, or None."""
    try:
        return int(request.getHeader("Upload-Length") or "")
    except ValueError:
        return None


def invalid_header(name):
    return refusal(
        BadRequest,
        _(
            "upload_error_header",
            default="Der Header ${name} fehlt oder ist ungültig.",
            mapping={"name": name},
        ),
    )


def creation_problem(request, check_type):
    """Refuse a new upload at once: length over the limit (413), a type the firm
    does not accept (415), malformed headers (400). Returns (refusal, metadata)."""
    length = announced_length(request)
    if length is None:
        return invalid_header("Upload-Length"), None
    metadata = parse_metadata(request)
    if metadata is None:
        return invalid_header("Upload-Metadata"), None
    refused = policy.size_problem(length)
    filename = metadata.get("filename")
    if refused is None and filename and check_type:
        refused = policy.type_problem(sanitize_name(filename))
    metadata["length"] = length
    return refused, metadata


class _Errors:
    def error(self, type, message, status=400):  # noqa: A002 - plone.restapi's signature
        """Our API's error format: ``{"type": ..., "message": ...}``."""
        self.request.response.setStatus(status)
        return {"type": type, "message": message}

    def refuse(self, refused):
        self.request.response.setStatus(type(refused))
        return {"type": type(refused).__name__, "message": str(refused)}


class _Overflow:
    """PATCH: never more bytes than announced (413), never a wrong offset (409)."""

    def overflow(self, upload):
        try:
            incoming = int(self.request.getHeader("Content-Length") or 0)
            offset = int(self.request.getHeader("Upload-Offset", ""))
        except ValueError:
            return self.refuse(invalid_header("Upload-Offset"))
        if offset != upload.offset():
            return self.error("Conflict", "Upload-Offset does not match", 409)
        if offset + incoming > upload.length():
            return self.refuse(
                refusal(
                    policy.RequestEntityTooLarge,
                    _(
                        "upload_error_more_than_announced",
                        default="Mehr Daten als in Upload-Length angekündigt.",
                    ),
                )
            )
        return None


class UploadPost(_Errors, tus.UploadPost):
    def reply(self):
        _check_permission(self.request, self.context)
        if not self.check_tus_version():
            return self.unsupported_version()
        refused, metadata = creation_problem(self.request, False)
        if refused is not None:
            return self.refuse(refused)
        metadata["mode"] = "akte"
        upload = AkteUpload(uuid4().hex, metadata=metadata)
        self.request.response.setStatus(201)
        self.request.response.setHeader(
            "Location", f"{self.context.absolute_url()}/@akte-upload/{upload.uid}"
        )
        self.request.response.setHeader("Upload-Expires", upload.expires())
        self.request.response.setHeader("Tus-Resumable", "1.0.0")
        return {"upload": upload.uid}


class PloneUploadPost(_Errors, tus.UploadPost):
    """plone.restapi's ``@tus-upload``/``@tus-replace`` with the portal's upload rules
    at creation; the finished file is checked again when it becomes a Dokument."""

    def reply(self):
        if not self.check_tus_version():
            return self.unsupported_version()
        check_type = not policy.trusted_uploader(self.context)
        refused, _metadata = creation_problem(self.request, check_type)
        if refused is not None:
            return self.refuse(refused)
        return super().reply()


class PloneUploadPatch(_Errors, _Overflow, tus.UploadPatch):
    def reply(self):
        upload = self.tus_upload()
        if upload is not None:
            refused = self.overflow(upload)
            if refused is not None:
                return refused
        return super().reply()


class _Existing(_Errors):
    def tus_upload(self):
        if self.uid is None or not UPLOAD_ID.match(self.uid):
            return None
        upload = AkteUpload(self.uid)
        if not upload.metadata():
            return None
        return upload

    def check_add_modify_permission(self, mode):
        _check_permission(self.request, self.context)


class UploadHead(_Existing, tus.UploadHead):
    def error(self, type, message, status=400):  # noqa: A002
        """A HEAD answer has no body (one would break the HTTP connection)."""
        self.request.response.setStatus(status)
        return compat.NO_CONTENT


class UploadPatch(_Existing, _Overflow, tus.UploadPatch):
    def reply(self):
        upload = self.tus_upload()
        if upload is not None:
            self.check_add_modify_permission("akte")
            refused = self.overflow(upload)
            if refused is not None:
                return refused
        return super().reply()

    def create_or_modify_content(self, tus_upload):
        """A finished upload waits for PUT @akte-dokument (see module docstring)."""
        tus_upload.close()
