"""Views of the questionnaires: the form itself, adding from a template, the list."""

from collective.easyform.browser.view import EasyFormFormWrapper
from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.content.dokument import is_client_user
from kanzlei.akte.questionnaires import open_questionnaires
from kanzlei.akte.questionnaires.presets import add_from_preset
from kanzlei.akte.questionnaires.presets import get_preset
from kanzlei.akte.questionnaires.presets import PRESETS
from kanzlei.akte.questionnaires.store import ANSWERED_AT
from kanzlei.akte.questionnaires.store import ANSWERS_UID
from kanzlei.akte.questionnaires.store import mandat_of
from kanzlei.akte.questionnaires.store import PDF_UID
from kanzlei.akte.questionnaires.store import refusal
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


def format_datetime(value):
    return value.strftime("%d.%m.%Y, %H:%M") if value else ""


class FragebogenView(EasyFormFormWrapper):
    """easyform's view; in a Mandat a client who may not submit gets a notice instead.

    Who may submit is decided again in the save action (store.refusal), so other views
    of the form (``@@embedded``) cannot bypass it.
    """

    index = ViewPageTemplateFile("templates/fragebogen.pt")
    notice_template = ViewPageTemplateFile("templates/fragebogen_hinweis.pt")

    def __call__(self):
        self.mandat = mandat_of(self.context)
        if self.mandat is not None and is_client_user(self.context):
            self.notice = refusal(self.context, self.request)
            if self.notice is not None:
                return self.notice_template()
        return super().__call__()

    @property
    def in_mandat(self):
        return mandat_of(self.context) is not None

    @property
    def is_staff(self):
        return self.in_mandat and is_staff(self.context)

    def state(self):
        return api.content.get_state(self.context, default=None)

    def answered_at(self):
        return format_datetime(getattr(self.context, ANSWERED_AT, None))

    def _stored(self, name):
        uid = getattr(self.context, name, None)
        if not uid:
            return None
        brains = api.content.find(UID=uid)
        return brains[0] if brains else None

    def answers(self):
        """The stored answers (if the current user may see them)."""
        return self._stored(ANSWERS_UID)

    def answers_pdf(self):
        """The answers as PDF (if the current user may see them)."""
        return self._stored(PDF_UID)

    def mandat_url(self):
        mandat = mandat_of(self.context)
        return mandat.absolute_url() if mandat is not None else ""


class FragebogenHinzufuegen(BrowserView):
    """Staff: put a questionnaire from a shipped template into this Mandat."""

    template = ViewPageTemplateFile("templates/fragebogen_hinzufuegen.pt")

    def presets(self):
        return PRESETS

    def __call__(self):
        self.errors = {}
        form = self.request.form
        if self.request.method == "POST" and "form.submitted" in form:
            CheckAuthenticator(self.request)
            preset_id = form.get("preset")
            title = form.get("title")
            preset = get_preset(preset_id) if isinstance(preset_id, str) else None
            title = title.strip() if isinstance(title, str) else ""
            if preset is None:
                self.errors["preset"] = _(
                    "questionnaire_error_choose_template",
                    default="Bitte wählen Sie eine Vorlage aus.",
                )
            if len(title) > 200:
                self.errors["title"] = _(
                    "questionnaire_error_title_too_long",
                    default="Der Titel darf höchstens 200 Zeichen lang sein.",
                )
            if not self.errors:
                created = self.create(preset, title)
                api.portal.show_message(
                    _(
                        "questionnaire_added",
                        default="Der Fragebogen wurde angelegt. Der Mandant sieht ihn "
                        "jetzt in seiner Online-Akte.",
                    ),
                    request=self.request,
                )
                self.request.response.redirect(created.absolute_url())
                return ""
        return self.template()

    def create(self, preset, title):
        return add_from_preset(self.context, preset.id, title, self.request)


class FragebogenListe(BrowserView):
    """A snippet for the client pages: the Mandat's questionnaires (catalog based)."""

    template = ViewPageTemplateFile("templates/fragebogen_liste.pt")

    def items(self):
        items = open_questionnaires(self.context)
        for item in items:
            item["answered_at_text"] = format_datetime(item["answered_at"])
        return items

    def __call__(self):
        return self.template()
