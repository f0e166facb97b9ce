"""Downloads (one document, a selection or all as a streamed ZIP) and client uploads."""

from kanzlei.akte import _
from kanzlei.akte import readstate
from kanzlei.akte.browser.client.common import current_userid
from kanzlei.akte.browser.client.common import extension
from kanzlei.akte.browser.client.common import SAFE_INLINE_TYPES
from kanzlei.akte.browser.client.mandat import ADD_DOKUMENT
from kanzlei.akte.uploads import policy
from kanzlei.akte.uploads.names import sanitize_name
from kanzlei.akte.zipstream import blob_path
from kanzlei.akte.zipstream import stream_zip
from kanzlei.akte.zipstream import UniqueNames
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import quote
from zExceptions import NotFound
from zope.i18n import translate

import json
import mimetypes


def content_disposition(kind, filename):
    safe = sanitize_name(filename)
    ascii_name = safe.encode("ascii", "replace").decode().replace("?", "_")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"


def archive_name(doc, names):
    file = doc.file
    name = sanitize_name(file.filename if file else "", fallback="dokument")
    if not extension(name) and file is not None:
        name += mimetypes.guess_extension(file.contentType or "") or ""
    return names(name)


class DateiView(BrowserView):
    """Serve a document: inline only for safe types (PDF, images), else as attachment.

    Opening it marks it as read for the current user.
    """

    def __call__(self):
        file = self.context.file
        if file is None:
            raise NotFound(self.context, "file", self.request)
        readstate.mark_opened(
            current_userid(), [api.content.get_uuid(self.context)], self.request
        )
        safe = file.contentType in SAFE_INLINE_TYPES
        inline = safe and bool(self.request.form.get("inline"))
        response = self.request.response
        response.setHeader(
            "Content-Type", file.contentType if safe else "application/octet-stream"
        )
        response.setHeader(
            "Content-Disposition",
            content_disposition(
                "inline" if inline else "attachment", file.filename or "dokument"
            ),
        )
        response.setHeader("Content-Length", str(file.getSize()))
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Cache-Control", "private, no-store")
        if inline and file.contentType.startswith("image/"):
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        return stream_data(file)


class ZipView(BrowserView):
    """@@akte-zip: the selected documents (uid:list) or, without selection, all."""

    def __call__(self):
        uids = [u for u in self.request.form.get("uid", []) if isinstance(u, str)]
        if self.request.form.get("auswahl") and not uids:
            api.portal.show_message(
                _(
                    "client_zip_none_selected",
                    default="Bitte wählen Sie mindestens ein Dokument aus.",
                ),
                self.request,
                type="warning",
            )
            return self.request.response.redirect(
                self.context.absolute_url() + "/@@akte-mandat"
            )
        query = {
            "portal_type": "Dokument",
            "mandat_uid": api.content.get_uuid(self.context),
            "sort_on": "document_date",
            "sort_order": "descending",
        }
        if uids:
            query["UID"] = uids
        brains = api.content.find(**query)
        names = UniqueNames()
        entries = []
        opened = []
        for brain in brains:
            doc = brain.getObject()
            if doc.file is None:
                continue
            entries.append((archive_name(doc, names), blob_path(doc.file)))
            opened.append(brain.UID)
        readstate.mark_opened(current_userid(), opened, self.request)
        number = (self.context.file_number or self.context.getId()).replace("/", "_")
        filename = f"Akte {number}.zip"
        return stream_zip(self.request.response, filename, entries)


def check_upload(upload, request):
    """None when the upload is acceptable, else a German (translated) message.

    The rules are the portal's one upload policy (``kanzlei.akte.uploads``); checking
    here first lets the page refuse a whole selection before anything is stored.
    """
    filename = getattr(upload, "filename", None) or ""
    size = policy.stream_size(upload) if filename else 0
    refused = policy.problem(filename, size)
    return translate(refused.msgid, context=request) if refused else None


def store_upload(mandat, upload):
    """One Dokument from one upload (the temp file is copied to the blob in chunks)."""
    name = sanitize_name(upload.filename, fallback="dokument")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    blob = NamedBlobFile(data=upload, filename=name, contentType=content_type)
    return api.content.create(container=mandat, type="Dokument", title=name, file=blob)


def uploads_from(request, field):
    value = request.form.get(field)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [item for item in items if getattr(item, "filename", None)]


class UploadView(BrowserView):
    """@@akte-hochladen: POST files (one per request from the page's script)."""

    def wants_json(self):
        return "application/json" in (self.request.getHeader("Accept") or "")

    def reply(self, status, **data):
        self.request.response.setStatus(status)
        self.request.response.setHeader(
            "Content-Type", "application/json; charset=utf-8"
        )
        return json.dumps(data)

    def fail(self, message, status=400):
        if self.wants_json():
            return self.reply(status, ok=False, message=message)
        api.portal.show_message(message, self.request, type="error")
        return self.request.response.redirect(
            self.context.absolute_url() + "/@@akte-mandat#hochladen"
        )

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(
                self.context.absolute_url() + "/@@akte-mandat"
            )
        CheckAuthenticator(self.request)
        if not api.user.has_permission(ADD_DOKUMENT, obj=self.context):
            return self.fail(
                translate(
                    _(
                        "client_upload_not_allowed",
                        default="In diese Akte können keine Dokumente mehr "
                        "hochgeladen werden.",
                    ),
                    context=self.request,
                ),
                status=403,
            )
        uploads = uploads_from(self.request, "datei")
        if not uploads:
            return self.fail(check_upload(None, self.request))
        # Check everything first: either all files are stored or none.
        for upload in uploads:
            error = check_upload(upload, self.request)
            if error:
                return self.fail(f"{sanitize_name(upload.filename)}: {error}")
        docs = [store_upload(self.context, upload) for upload in uploads]
        if self.wants_json():
            return self.reply(
                200,
                ok=True,
                documents=[
                    {"uid": api.content.get_uuid(d), "title": d.Title()} for d in docs
                ],
            )
        api.portal.show_message(
            _("client_upload_stored", default="Ihre Dokumente wurden hochgeladen."),
            self.request,
        )
        return self.request.response.redirect(
            self.context.absolute_url() + "/@@akte-mandat#dokumente"
        )
