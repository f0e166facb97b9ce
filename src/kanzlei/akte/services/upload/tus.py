"""@akte-upload: TUS uploads (https://tus.io, protocol 1.0.0) for large files.

Like plone.restapi's ``@tus-upload`` the chunks go to a temporary file on disk
(``TUS_TMP_FILE_DIR``), never into memory. Unlike it, a finished upload does not
create content by itself: ``PUT @akte-dokument`` references it (``"file": {"upload":
"<id>"}``) together with the external document id and the metadata, and the file is
then moved into the blob storage (``blob.consumeFile``) without being read.
"""

from AccessControl import getSecurityManager
from base64 import b64decode
from kanzlei.akte import settings
from kanzlei.akte.services.base import disable_csrf_for_explicit_credentials
from kanzlei.akte.services.base import USE_API
from plone import api
from plone.restapi.services import _no_content_marker
from plone.restapi.services.content import tus
from uuid import uuid4
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
        self._metadata = None
        self._file = None
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


def max_bytes():
    return settings.get("max_upload_mb") * 1024 * 1024


def _check_permission(request, context):
    if not getSecurityManager().checkPermission(USE_API, context):
        if api.user.is_anonymous():
            raise Unauthorized("Authentication required")
        raise Forbidden("Missing permission to use the integration API")
    disable_csrf_for_explicit_credentials(request)


class _Errors:
    def error(self, type, message, status=400):  # noqa: A002 - plone.restapi's signature
        """Our API's error format: ``{"type": ..., "message": ...}``."""
        self.request.response.setStatus(status)
        return {"type": type, "message": message}


class UploadPost(_Errors, tus.UploadPost):
    def reply(self):
        _check_permission(self.request, self.context)
        if not self.check_tus_version():
            return self.unsupported_version()
        try:
            length = int(self.request.getHeader("Upload-Length", ""))
        except ValueError:
            return self.error("BadRequest", "Missing or invalid Upload-Length header")
        if length <= 0:
            return self.error("BadRequest", "Upload-Length must be positive")
        if length > max_bytes():
            return self.error(
                "RequestEntityTooLarge",
                f"File too large (limit {settings.get('max_upload_mb')} MB)",
                413,
            )
        metadata = {}
        for item in self.request.getHeader("Upload-Metadata", "").split(","):
            key_value = item.split()
            if len(key_value) == 2:
                try:
                    metadata[key_value[0].lower()] = b64decode(key_value[1]).decode(
                        "utf-8"
                    )
                except ValueError:
                    return self.error("BadRequest", "Invalid Upload-Metadata header")
        metadata["length"] = length
        metadata["mode"] = "akte"
        upload = AkteUpload(uuid4().hex, metadata=metadata)
        self.request.response.setStatus(201)
        self.request.response.setHeader(
            "Location", f"{self.context.absolute_url()}/@akte-upload/{upload.uid}"
        )
        self.request.response.setHeader("Upload-Expires", upload.expires())
        self.request.response.setHeader("Tus-Resumable", "1.0.0")
        return {"upload": upload.uid}


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
        return _no_content_marker


class UploadPatch(_Existing, tus.UploadPatch):
    def reply(self):
        upload = self.tus_upload()
        if upload is not None:
            self.check_add_modify_permission("akte")
            try:
                incoming = int(self.request.getHeader("Content-Length") or 0)
                offset = int(self.request.getHeader("Upload-Offset", ""))
            except ValueError:
                return self.error(
                    "BadRequest", "Missing or invalid Upload-Offset header"
                )
            if offset != upload.offset():
                return self.error("Conflict", "Upload-Offset does not match", 409)
            if offset + incoming > upload.length():
                return self.error(
                    "RequestEntityTooLarge", "More data than announced", 413
                )
        return super().reply()

    def create_or_modify_content(self, tus_upload):
        """A finished upload waits for PUT @akte-dokument (see module docstring)."""
        tus_upload.close()
