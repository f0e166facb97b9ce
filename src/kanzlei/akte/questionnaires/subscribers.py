"""Keep questionnaires in mandates safe: no mailer, answers go into the Akte."""

from datetime import datetime
from kanzlei.akte.questionnaires.presets import actions_model
from kanzlei.akte.questionnaires.store import ANSWERED_AT
from kanzlei.akte.questionnaires.store import ANSWERS_UID
from kanzlei.akte.questionnaires.store import DATA_UID
from kanzlei.akte.questionnaires.store import mandat_of
from kanzlei.akte.questionnaires.store import PDF_UID
from lxml import etree


SUPERMODEL = "{http://namespaces.plone.org/supermodel/schema}"
MAILER = "collective.easyform.actions.Mailer"
SAVE_AS_DOKUMENT = "kanzlei.akte.questionnaires.actions.SaveAsDokument"


def safe_actions_model(source):
    """The actions model without mailers and with our SaveAsDokument action."""
    if not source:
        return actions_model()
    root = etree.fromstring(source.encode("utf-8"))
    schema = root.find(f"{SUPERMODEL}schema")
    if schema is None:
        return actions_model()
    for field in schema.findall(f"{SUPERMODEL}field"):
        if field.get("type") == MAILER:
            schema.remove(field)
    if not any(
        f.get("type") == SAVE_AS_DOKUMENT for f in schema.iter(f"{SUPERMODEL}field")
    ):
        ours = etree.fromstring(actions_model().encode("utf-8"))
        for field in ours.iter(f"{SUPERMODEL}field"):
            schema.insert(0, field)
    return etree.tostring(root, encoding="unicode")


def on_added(form, event):
    """A new EasyForm in a Mandat: never mail the answers, store them in the Akte."""
    if mandat_of(form) is None:
        return
    form.actions_model = safe_actions_model(form.actions_model)


def on_transition(form, event):
    if event.transition is None:
        return
    if event.transition.id == "wiedereroeffnen":
        for name in (ANSWERED_AT, ANSWERS_UID, DATA_UID, PDF_UID):
            setattr(form, name, None)
        form.reindexObject()
    elif event.transition.id == "beantworten" and not getattr(form, ANSWERED_AT, None):
        # Marked as answered by staff (e.g. answered on paper).
        setattr(form, ANSWERED_AT, datetime.now().astimezone())
        form.reindexObject()
