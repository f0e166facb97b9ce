"""The questionnaire templates the add-on ships (easyform field models in models/)."""

from dataclasses import dataclass
from kanzlei.akte import _
from pathlib import Path


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
