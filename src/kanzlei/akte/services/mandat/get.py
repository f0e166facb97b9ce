"""GET /@akte-mandat?file_number=123%2F26: a Mandat by its Aktenzeichen."""

from Acquisition import aq_parent
from kanzlei.akte.services.base import get_mandat
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.base import isodate
from kanzlei.akte.services.base import required
from plone import api


def serialize(obj):
    return {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": api.content.get_uuid(obj),
        "file_number": obj.file_number,
        "client_number": aq_parent(obj).client_number,
        "title": obj.title,
        "opposing_party": obj.opposing_party,
        "responsible_lawyer": obj.responsible_lawyer,
        "opened": isodate(obj.opened),
        "closed": isodate(obj.closed),
        "review_state": api.content.get_state(obj),
        "modified": isodate(obj.modified()),
    }


class MandatGet(IntegrationService):
    def reply(self):
        file_number = required(self.request.form, "file_number")
        return serialize(get_mandat(file_number))
