"""@@meine-daten: what the firm stores about the client, GDPR export, corrections."""

from DateTime import DateTime
from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client.common import ClientPage
from kanzlei.akte.browser.client.common import current_userid
from kanzlei.akte.browser.client.files import archive_name
from kanzlei.akte.browser.client.mandat import ADD_NACHRICHT
from kanzlei.akte.browser.client.messages import send_message
from kanzlei.akte.browser.formatting import format_datetime
from kanzlei.akte.limits import form_text
from kanzlei.akte.limits import MAX_LINE
from kanzlei.akte.limits import MAX_TEXT
from kanzlei.akte.security.relations import viewable_targets
from kanzlei.akte.twofactor.staff import has_second_factor
from kanzlei.akte.uploads.names import sanitize_name
from kanzlei.akte.zipstream import blob_path
from kanzlei.akte.zipstream import stream_zip
from kanzlei.akte.zipstream import UniqueNames
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import quote
from zope.i18n import translate

import json


MANDANT_FIELDS = (
    ("title", _("label_client_name", default="Name")),
    ("client_number", _("label_client_number", default="Mandantennummer")),
    ("street", _("label_street", default="Straße und Hausnummer")),
    ("zip_code", _("label_zip_code", default="PLZ")),
    ("city", _("label_city", default="Ort")),
    ("country", _("label_country", default="Land")),
    ("phone", _("label_phone", default="Telefon")),
    ("email", _("label_email", default="E-Mail-Adresse")),
)


def my_mandanten():
    """The Mandanten the current user may see (catalog isolation), as objects."""
    return [
        b.getObject()
        for b in api.content.find(portal_type="Mandant", sort_on="sortable_title")
    ]


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "ISO8601"):
        return value.ISO8601()
    return str(value)


def account_info(userid):
    user = api.user.get(userid=userid)
    last = user.getProperty("login_time", None) if user else None
    return {
        "username": user.getUserName() if user else userid,
        "fullname": (user.getProperty("fullname") if user else "") or "",
        "email": (user.getProperty("email") if user else "") or "",
        "last_login": last,
    }


class MeineDatenView(ClientPage):
    def __call__(self):
        if api.user.is_anonymous():
            return self.request.response.redirect(
                f"{self.portal_url}/login?came_from={quote(self.request.getURL())}"
            )
        if is_staff():
            return self.request.response.redirect(f"{self.portal_url}/mandanten")
        self.userid = current_userid()
        self.errors = {}
        if self.request.method == "POST" and self.request.form.get("korrektur"):
            result = self.submit_correction()
            if result is not None:
                return result
        return super().__call__()

    def mandanten(self):
        result = []
        for mandant in my_mandanten():
            fields = [
                (
                    translate(label, context=self.request),
                    getattr(mandant, name, "") or "",
                )
                for name, label in MANDANT_FIELDS
            ]
            contacts = [
                {"name": k.Title(), "email": k.email or "", "phone": k.phone or ""}
                for k in (
                    b.getObject()
                    for b in api.content.find(
                        context=mandant,
                        portal_type="Kontaktperson",
                        sort_on="sortable_title",
                    )
                )
            ]
            result.append(
                {"title": mandant.title, "fields": fields, "contacts": contacts}
            )
        return result

    def account(self):
        info = account_info(self.userid)
        last = info["last_login"]
        # login_time before the first login is Plone's placeholder 2000-01-01.
        info["last_login"] = (
            format_datetime(last) if last and last.year() > 2000 else ""
        )
        return info

    def second_factor(self):
        return has_second_factor(self.userid)

    def writable_mandates(self):
        return [
            b
            for b in api.content.find(portal_type="Mandat", sort_on="sortable_title")
            if b.review_state == "offen"
        ]

    def submit_correction(self):
        CheckAuthenticator(self.request)
        text = form_text(self.request, "text")
        uid = form_text(self.request, "mandat", MAX_LINE)
        targets = {b.UID: b for b in self.writable_mandates()}
        if not text:
            self.errors["text"] = translate(
                _(
                    "client_data_text_missing",
                    default="Bitte beschreiben Sie, was korrigiert werden soll.",
                ),
                context=self.request,
            )
        elif len(text) > MAX_TEXT:
            self.errors["text"] = translate(
                _("client_msg_text_long", default="Die Nachricht ist zu lang."),
                context=self.request,
            )
        if uid not in targets:
            self.errors["mandat"] = translate(
                _(
                    "client_data_mandate_missing",
                    default="Bitte wählen Sie eine Akte aus.",
                ),
                context=self.request,
            )
        if self.errors:
            self.request.response.setStatus(400)
            return None
        mandat = targets[uid].getObject()
        if not api.user.has_permission(ADD_NACHRICHT, obj=mandat):
            self.errors["mandat"] = translate(
                _(
                    "client_data_mandate_missing",
                    default="Bitte wählen Sie eine Akte aus.",
                ),
                context=self.request,
            )
            return None
        subject = translate(
            _(
                "client_data_correction_subject",
                default="Bitte um Korrektur meiner Daten",
            ),
            context=self.request,
        )
        send_message(mandat, subject, text)
        api.portal.show_message(
            _(
                "client_data_correction_sent",
                default="Ihre Bitte um Korrektur wurde an die Kanzlei gesendet.",
            ),
            self.request,
        )
        return self.request.response.redirect(f"{self.portal_url}/@@meine-daten")


class MeineDatenDownload(BrowserView):
    """@@meine-daten-herunterladen: one ZIP, data as JSON, documents and messages."""

    def __call__(self):
        if api.user.is_anonymous() or is_staff():
            return self.request.response.redirect(api.portal.get().absolute_url())
        userid = current_userid()
        names = UniqueNames()
        entries = []
        data = {"exported": DateTime().ISO8601(), "account": {}, "mandanten": []}
        account = account_info(userid)
        data["account"] = {k: _text(v) for k, v in account.items()}
        for mandant in my_mandanten():
            record = {
                name: _text(getattr(mandant, name, None))
                for name, _label in MANDANT_FIELDS
            }
            record["kontaktpersonen"] = [
                {"name": k.Title(), "email": _text(k.email), "phone": _text(k.phone)}
                for k in (
                    b.getObject()
                    for b in api.content.find(
                        context=mandant, portal_type="Kontaktperson"
                    )
                )
            ]
            record["mandate"] = []
            for brain in api.content.find(
                context=mandant, portal_type="Mandat", sort_on="sortable_title"
            ):
                mandat = brain.getObject()
                folder = (
                    sanitize_name(
                        (mandat.file_number or mandat.getId()).replace("/", "_"),
                        fallback="akte",
                    )
                    + "/"
                )
                mrecord = {
                    "aktenzeichen": mandat.file_number,
                    "gegenstand": mandat.title,
                    "gegner": _text(mandat.opposing_party),
                    "angelegt": _text(mandat.opened),
                    "abgeschlossen": _text(mandat.closed),
                    "status": brain.review_state,
                    "dokumente": [],
                    "nachrichten": [],
                }
                for dbrain in api.content.find(
                    context=mandat, portal_type="Dokument", sort_on="created"
                ):
                    doc = dbrain.getObject()
                    if doc.file is None:
                        continue
                    name = archive_name(
                        doc, lambda n, f=folder: names(n, folder=f + "dokumente/")
                    )
                    entries.append((name, blob_path(doc.file)))
                    mrecord["dokumente"].append(
                        {
                            "titel": doc.Title(),
                            "datum": _text(doc.document_date),
                            "kategorie": _text(doc.category),
                            "richtung": doc.direction,
                            "datei": name,
                        }
                    )
                for mbrain in api.content.find(
                    context=mandat, portal_type="Nachricht", sort_on="created"
                ):
                    msg = mbrain.getObject()
                    mrecord["nachrichten"].append(
                        {
                            "betreff": msg.title,
                            "text": msg.text,
                            "richtung": msg.direction,
                            "datum": _text(msg.created()),
                            "anhaenge": [
                                doc.Title() for doc in viewable_targets(msg.attachments)
                            ],
                        }
                    )
                record["mandate"].append(mrecord)
            data["mandanten"].append(record)
        payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        entries.insert(0, (names("meine-daten.json"), payload))
        return stream_zip(self.request.response, "Meine Daten.zip", entries)


class AkteMandantView(BrowserView):
    """@@akte-mandant: a client opening their Mandant goes to "Meine Daten"."""

    def __call__(self):
        portal_url = api.portal.get().absolute_url()
        return self.request.response.redirect(f"{portal_url}/@@meine-daten")
