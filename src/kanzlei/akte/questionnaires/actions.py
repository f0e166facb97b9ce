"""The easyform action that stores a questionnaire's answers as Dokumente."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from kanzlei.akte import _
from kanzlei.akte.questionnaires.interfaces import ISaveAsDokument
from plone.supermodel.exportimport import BaseHandler
from zope.interface import implementer


@implementer(ISaveAsDokument)
class SaveAsDokument(Action):
    __doc__ = ISaveAsDokument.__doc__

    def onSuccess(self, fields, request):
        from kanzlei.akte.questionnaires.store import store_answers

        return store_answers(get_context(self), fields, request)


SaveAsDokumentAction = ActionFactory(
    SaveAsDokument,
    _(
        "questionnaire_action_title",
        default="Antworten als Dokument in der Akte speichern",
    ),
    "collective.easyform.AddContent",
)

SaveAsDokumentHandler = BaseHandler(SaveAsDokument)
