"""The ``file`` of a document upsert: base64 in the body or a finished TUS upload."""

from kanzlei.akte import _
from kanzlei.akte.services.errors import too_large
from kanzlei.akte.services.errors import ValidationError
from kanzlei.akte.services.upload.tus import get_upload
from kanzlei.akte.uploads import policy
from kanzlei.akte.uploads.names import sanitize_name
from plone.namedfile.file import NamedBlobFile

import base64
import binascii
import hashlib
import os
import shutil
import transaction
import uuid


CHUNK = 1 << 20


def _invalid(detail):
    return ValidationError(
        _(
            "api_error_file",
            default="Die Datei ist ungültig: ${detail}",
            mapping={"detail": detail},
        ),
        errors=[("file", detail)],
    )


def sha256_of_stream(stream):
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of_blobfile(namedfile):
    with namedfile.open() as stream:
        return sha256_of_stream(stream)


class IncomingFile:
    """Parsed and checked, not yet stored."""

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise _invalid("file must be an object")
        self.filename = spec.get("filename")
        self.content_type = spec.get("content-type") or spec.get("content_type")
        self.upload = None
        self.data = None
        limit = policy.limits()["max_mb"]
        if spec.get("upload"):
            self.upload = get_upload(spec["upload"])
            if self.upload is None:
                raise _invalid("unknown or unfinished upload")
            meta = self.upload.metadata()
            self.filename = self.filename or meta.get("filename")
            self.content_type = self.content_type or meta.get("content-type")
            self.size = self.upload.length()
            with open(self.upload.filepath, "rb") as stream:
                self.sha256 = sha256_of_stream(stream)
        elif "data" in spec:
            encoding = spec.get("encoding", "base64")
            if encoding != "base64":
                raise _invalid("encoding must be base64")
            raw = spec["data"]
            if not isinstance(raw, str) or len(raw) * 3 // 4 > limit * policy.MB + 3:
                if isinstance(raw, str):
                    raise too_large(limit)
                raise _invalid("data must be a base64 string")
            try:
                self.data = base64.b64decode(raw, validate=True)
            except (binascii.Error, ValueError):
                raise _invalid("data is not valid base64") from None
            self.size = len(self.data)
            self.sha256 = hashlib.sha256(self.data).hexdigest()
        else:
            raise _invalid("either data (base64) or upload (TUS id) is required")
        if self.size > limit * policy.MB:
            raise too_large(limit)
        if not self.filename or not isinstance(self.filename, str):
            raise _invalid("filename is required")
        self.filename = sanitize_name(self.filename, fallback="dokument")
        self.explicit_type = bool(self.content_type)
        self.content_type = self.content_type or "application/octet-stream"

    def same_as(self, obj):
        current = obj.file
        if current is None:
            return False
        if current.filename != self.filename:
            return False
        if self.explicit_type and current.contentType != self.content_type:
            return False
        if current.getSize() != self.size:
            return False
        known = getattr(obj, "akte_sha256", None) or sha256_of_blobfile(current)
        return known == self.sha256

    def discard(self):
        """The same file is stored already: remove the temporary upload (on commit)."""
        if self.upload is not None:
            _cleanup_on_commit(self.upload)

    def blob(self):
        """The NamedBlobFile; a TUS upload is moved into the blob, never read whole.

        A hard link (or, across file systems, a chunked copy) of the upload is handed
        to the blob (``consumeFile`` moves it); the upload itself is removed only when
        the transaction commits, so a retried request (ZODB conflict) still finds it.
        """
        if self.upload is not None:
            handoff = f"{self.upload.filepath}.{uuid.uuid4().hex}"
            try:
                os.link(self.upload.filepath, handoff)
            except OSError:
                shutil.copyfile(self.upload.filepath, handoff)
            with open(handoff, "rb") as stream:
                blob = NamedBlobFile(
                    data=stream, filename=self.filename, contentType=self.content_type
                )
            if os.path.exists(handoff):  # not consumed (should not happen)
                os.remove(handoff)
            _cleanup_on_commit(self.upload)
            return blob
        return NamedBlobFile(
            data=self.data, filename=self.filename, contentType=self.content_type
        )


def _cleanup_on_commit(upload):
    def cleanup(success):
        if success:
            upload.cleanup()

    transaction.get().addAfterCommitHook(cleanup)
