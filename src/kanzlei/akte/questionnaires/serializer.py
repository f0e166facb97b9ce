"""The REST serialisation of a questionnaire (collective.easyform's, with one fix).

collective.easyform asks ``plone.api.user.has_permission`` with the permission's *id*
(``collective.easyform.DownloadSavedInput``) where plone.api wants its *title*: for
everyone without that permission (every client) ``GET <questionnaire>`` and
``@search?fullobjects=1`` ended in a 500. Saved answers go only to who may download
them (staff, by the questionnaire workflow).
"""

from collective.easyform.interfaces import IEasyForm
from collective.easyform.serializer import SerializeToJson
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as ContentToJson
from zope.component import adapter
from zope.interface import implementer


DOWNLOAD_SAVED_INPUT = "collective.easyform: Download Saved Input"


@implementer(ISerializeToJson)
@adapter(IEasyForm, IKanzleiAkteLayer)
class QuestionnaireToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True):
        result = ContentToJson.__call__(self, version, include_items)
        if api.user.has_permission(DOWNLOAD_SAVED_INPUT, obj=self.context):
            self.serializeSavedData(result)
        return result
