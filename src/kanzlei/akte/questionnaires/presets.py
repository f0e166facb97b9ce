"""The questionnaire templates the add-on ships (easyform field models in models/)."""

from dataclasses import dataclass
from html import escape
from kanzlei.akte import _
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.globalrequest import getRequest
from zope.i18n import translate


MODELS = Path(__file__).parent / "models"


@dataclass(frozen=True)
class Preset:
    id: str
    title: str
    description: str
    prologue: str

    @property
    def fields_model(self):
        return (MODELS / f"{self.id}.xml").read_text(encoding="utf-8")


PRESETS = (
    Preset(
        id="allgemeine_mandatsaufnahme",
        title=_("questionnaire_preset_intake", default="Allgemeine Mandatsaufnahme"),
        description=_(
            "questionnaire_preset_intake_description",
            default="Kontaktdaten, Anliegen, Gegenseite, Fristen und Rechtsschutz.",
        ),
        prologue=_(
            "questionnaire_preset_intake_prologue",
            default="Bitte füllen Sie diesen Fragebogen aus, damit wir Ihr Anliegen "
            "vorbereiten können. Pflichtfelder sind markiert.",
        ),
    ),
    Preset(
        id="verkehrsunfall",
        title=_("questionnaire_preset_accident", default="Verkehrsunfall"),
        description=_(
            "questionnaire_preset_accident_description",
            default="Unfallhergang, Beteiligte, Polizei, Zeugen, Verletzungen "
            "und Schäden.",
        ),
        prologue=_(
            "questionnaire_preset_accident_prologue",
            default="Bitte schildern Sie uns den Unfall so genau wie möglich. "
            "Fotos und Unterlagen können Sie anschließend in Ihrer Online-Akte "
            "hochladen.",
        ),
    ),
    Preset(
        id="mietrecht",
        title=_("questionnaire_preset_tenancy", default="Mietrecht"),
        description=_(
            "questionnaire_preset_tenancy_description",
            default="Mietsache, Miete, Anlass des Streits, Gegenseite und Fristen.",
        ),
        prologue=_(
            "questionnaire_preset_tenancy_prologue",
            default="Bitte beantworten Sie die Fragen zu Ihrem Mietverhältnis. "
            "Den Mietvertrag und Schreiben der Gegenseite können Sie anschließend in "
            "Ihrer Online-Akte hochladen.",
        ),
    ),
)


def get_preset(preset_id):
    for preset in PRESETS:
        if preset.id == preset_id:
            return preset
    return None


def actions_model():
    """Our actions: store the answers as a Dokument; no mailer, no other adapter."""
    return (MODELS / "actions.xml").read_text(encoding="utf-8")


def add_from_preset(mandat, preset_id, title="", request=None):
    """Put a questionnaire from a shipped template into ``mandat`` (as current user).

    German texts by default; ``request`` decides the language of the texts stored in it.
    """
    preset = get_preset(preset_id)
    if preset is None:
        raise ValueError(f"Unknown questionnaire template: {preset_id}")
    request = request if request is not None else getRequest()
    prologue = translate(preset.prologue, context=request)
    form = api.content.create(
        container=mandat,
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
