"""``@@dokumente-hinzufuegen``: staff add several documents to a Mandat at once.

One form: several files, a common category and date, release now or keep internal.
Either all files are stored or (on bad input) none; the form keeps what was chosen.
"""

from datetime import date
from kanzlei.akte import _
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import mimetypes


def parse_date(value):
    """TT.MM.JJJJ or JJJJ-MM-TT → date; None if empty; ValueError if bad."""
    value = (value or "").strip()
    if not value:
        return None
    if "-" in value:
        year, month, day = value.split("-")
    else:
        day, month, year = value.split(".")
    return date(int(year), int(month), int(day))


class DokumenteHinzufuegen(BrowserView):
    errors = None

    def __call__(self):
        self.errors = {}
        form = self.request.form
        if self.request.method == "POST" and form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            created = self.handle(form)
            if created is not None:
                api.portal.show_message(
                    _(
                        "staff_msg_documents_added",
                        default="${count} Dokument(e) hinzugefügt.",
                        mapping={"count": len(created)},
                    ),
                    request=self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
            api.portal.show_message(
                _(
                    "staff_msg_form_errors",
                    default="Bitte korrigieren Sie die markierten Angaben.",
                ),
                request=self.request,
                type="error",
            )
        return self.index()

    def uploads(self, form):
        files = form.get("files") or []
        if not isinstance(files, (list, tuple)):
            files = [files]
        return [f for f in files if getattr(f, "filename", None)]

    def handle(self, form):
        uploads = self.uploads(form)
        if not uploads:
            self.errors["files"] = _(
                "staff_error_no_files",
                default="Bitte wählen Sie mindestens eine Datei aus.",
            )
        try:
            document_date = parse_date(form.get("document_date")) or date.today()
        except (ValueError, TypeError):
            self.errors["document_date"] = _(
                "staff_error_bad_date",
                default="Bitte ein Datum wie 31.12.2026 angeben.",
            )
        category = form.get("category") or None
        if category and category not in self.category_values():
            self.errors["category"] = _(
                "staff_error_bad_category",
                default="Bitte eine Kategorie aus der Liste wählen.",
            )
        state = form.get("state")
        if state not in ("freigegeben", "intern"):
            self.errors["state"] = _(
                "staff_error_bad_state",
                default="Bitte wählen, ob die Dokumente freigegeben werden.",
            )
        if self.errors:
            return None
        created = []
        for upload in uploads:
            filename = upload.filename.replace("\\", "/").rsplit("/", 1)[-1]
            content_type = (
                mimetypes.guess_type(filename)[0] or "application/octet-stream"
            )
            doc = createContentInContainer(
                self.context,
                "Dokument",
                file=NamedBlobFile(
                    data=upload, filename=filename, contentType=content_type
                ),
                document_date=document_date,
                category=category,
                _v_initial_state=state,
            )
            if api.content.get_state(doc) != state:
                api.content.transition(
                    obj=doc,
                    transition="freigeben"
                    if state == "freigegeben"
                    else "zurueckziehen",
                )
            created.append(doc)
        return created

    def category_values(self):
        factory = getUtility(IVocabularyFactory, name="kanzlei.akte.categories")
        return [term.value for term in factory(self.context)]

    def default_state(self):
        return self.request.form.get("state") or api.portal.get_registry_record(
            "kanzlei.akte.document_default_state", default="freigegeben"
        )

    def error(self, name):
        message = (self.errors or {}).get(name)
        return translate(message, context=self.request) if message else None
