"""Views of the questionnaires: the form itself, adding from a template, the list."""

from collective.easyform.browser.view import EasyFormFormWrapper
from html import escape
from kanzlei.akte import _
from kanzlei.akte.content.dokument import is_client_user
from kanzlei.akte.questionnaires import open_questionnaires
from kanzlei.akte.questionnaires.presets import actions_model
from kanzlei.akte.questionnaires.presets import get_preset
from kanzlei.akte.questionnaires.presets import PRESETS
from kanzlei.akte.questionnaires.store import ANSWERED_AT
from kanzlei.akte.questionnaires.store import ANSWERS_UID
from kanzlei.akte.questionnaires.store import mandat_of
from kanzlei.akte.questionnaires.store import refusal
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


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
        return self.in_mandat and api.user.has_permission(
            "Modify portal content", obj=self.context
        )

    def state(self):
        return api.content.get_state(self.context, default=None)

    def answered_at(self):
        return format_datetime(getattr(self.context, ANSWERED_AT, None))

    def answers(self):
        """The stored answers (if the current user may see them)."""
        uid = getattr(self.context, ANSWERS_UID, None)
        if not uid:
            return None
        brains = api.content.find(UID=uid)
        return brains[0] if brains else None

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
            preset = get_preset(form.get("preset", ""))
            title = (form.get("title") or "").strip()
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
        request = self.request
        prologue = translate(preset.prologue, context=request)
        form = api.content.create(
            container=self.context,
            type="EasyForm",
            title=title or translate(preset.title, context=request),
            description=translate(preset.description, context=request),
            fields_model=preset.fields_model,
            actions_model=actions_model(),
            formPrologue=RichTextValue(
                f"<p>{escape(prologue)}</p>", "text/html", "text/x-html-safe"
            ),
            submitLabel=translate(
                _("questionnaire_submit", default="Fragebogen absenden"),
                context=request,
            ),
            thankstitle=translate(
                _("questionnaire_thanks_title", default="Vielen Dank!"), context=request
            ),
            thanksdescription=translate(
                _(
                    "questionnaire_thanks_description",
                    default="Ihre Antworten wurden an die Kanzlei übermittelt und in "
                    "Ihrer Online-Akte gespeichert.",
                ),
                context=request,
            ),
        )
        form.questionnaire_template = preset.id
        return form


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
