"""@@akte-nachricht-senden: a mandate's message thread and form (client and staff)."""

from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client.common import ClientPage
from kanzlei.akte.browser.client.files import check_upload
from kanzlei.akte.browser.client.files import store_upload
from kanzlei.akte.browser.client.files import uploads_from
from kanzlei.akte.browser.client.mandat import ADD_NACHRICHT
from kanzlei.akte.browser.client.mandat import thread
from kanzlei.akte.limits import form_text
from kanzlei.akte.limits import MAX_LINE
from kanzlei.akte.limits import MAX_TEXT
from kanzlei.akte.uploads.names import sanitize_name
from plone import api
from plone.protect import CheckAuthenticator
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.i18n import translate
from zope.intid.interfaces import IIntIds

import json


def send_message(mandat, subject, text, documents=()):
    """Create a Nachricht (fires IObjectAddedEvent); documents become attachments."""
    intids = getUtility(IIntIds)
    return api.content.create(
        container=mandat,
        type="Nachricht",
        title=subject,
        text=text,
        attachments=[RelationValue(intids.getId(doc)) for doc in documents],
    )


class NachrichtSendenView(ClientPage):
    def __call__(self):
        self.errors = {}
        self.staff = is_staff(self.context)
        if self.request.method == "POST":
            result = self.submit()
            if result is not None:
                return result
        self.messages = thread(self.context, self.request)
        return super().__call__()

    def can_write(self):
        return api.user.has_permission(ADD_NACHRICHT, obj=self.context)

    def wants_json(self):
        return "application/json" in (self.request.getHeader("Accept") or "")

    def translate_text(self, message):
        return translate(message, context=self.request)

    def back_url(self):
        came_from = self.request.form.get("came_from") or ""
        own = self.context.absolute_url()
        if came_from.startswith(own + "/") or came_from == own:
            return came_from.split("#")[0] + "#nachrichten"
        return own + (
            "/@@akte-nachricht-senden" if self.staff else "/@@akte-mandat#nachrichten"
        )

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        if not self.can_write():
            self.errors["form"] = self.translate_text(
                _(
                    "client_msg_not_allowed",
                    default="In dieser Akte können keine Nachrichten mehr "
                    "gesendet werden.",
                )
            )
            return self.failed(403)
        subject = form_text(self.request, "betreff")
        text = form_text(self.request, "text")
        if not subject:
            self.errors["betreff"] = self.translate_text(
                _(
                    "client_msg_subject_missing",
                    default="Bitte geben Sie einen Betreff ein.",
                )
            )
        elif len(subject) > MAX_LINE:
            self.errors["betreff"] = self.translate_text(
                _(
                    "client_msg_subject_long",
                    default="Der Betreff ist zu lang (höchstens 200 Zeichen).",
                )
            )
        if not text:
            self.errors["text"] = self.translate_text(
                _(
                    "client_msg_text_missing",
                    default="Bitte schreiben Sie eine Nachricht.",
                )
            )
        elif len(text) > MAX_TEXT:
            self.errors["text"] = self.translate_text(
                _("client_msg_text_long", default="Die Nachricht ist zu lang.")
            )
        uploads = uploads_from(self.request, "anhang")
        for upload in uploads:
            error = check_upload(upload, self.request)
            if error:
                self.errors["anhang"] = f"{sanitize_name(upload.filename)}: {error}"
                break
        referenced = self.referenced(form.get("dokument_uid", []))
        if self.errors:
            return self.failed(400)
        documents = [store_upload(self.context, u) for u in uploads] + referenced
        message = send_message(self.context, subject, text, documents)
        if self.wants_json():
            self.request.response.setHeader(
                "Content-Type", "application/json; charset=utf-8"
            )
            return json.dumps({"ok": True, "uid": api.content.get_uuid(message)})
        api.portal.show_message(
            _("client_msg_sent", default="Ihre Nachricht wurde gesendet."), self.request
        )
        return self.request.response.redirect(self.back_url())

    def referenced(self, uids):
        """Documents of this mandate the user may see, by uid (e.g. fresh uploads)."""
        uids = [
            u
            for u in (uids if isinstance(uids, list) else [uids])
            if isinstance(u, str) and u
        ]
        if not uids:
            return []
        brains = api.content.find(
            portal_type="Dokument",
            UID=uids,
            mandat_uid=api.content.get_uuid(self.context),
        )
        return [b.getObject() for b in brains]

    def failed(self, status):
        self.request.response.setStatus(status)
        if self.wants_json():
            self.request.response.setHeader(
                "Content-Type", "application/json; charset=utf-8"
            )
            return json.dumps({"ok": False, "errors": self.errors})
        return None
