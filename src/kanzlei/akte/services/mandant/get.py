"""GET /@akte-mandant/<client_number>: a Mandant by its client number."""

from kanzlei.akte.services.base import get_mandant
from kanzlei.akte.services.base import isodate
from kanzlei.akte.services.base import TraversingIntegrationService
from plone import api


def serialize(obj):
    return {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": api.content.get_uuid(obj),
        "client_number": obj.client_number,
        "title": obj.title,
        "client_type": obj.client_type,
        "street": obj.street,
        "zip_code": obj.zip_code,
        "city": obj.city,
        "country": obj.country,
        "phone": obj.phone,
        "email": obj.email,
        "online_access": bool(obj.online_access),
        "correspondence_language": obj.correspondence_language,
        "modified": isodate(obj.modified()),
        "contacts": [
            {
                "@id": child.absolute_url(),
                "UID": api.content.get_uuid(child),
                "title": child.title,
                "email": child.email,
                "correspondence_language": child.correspondence_language,
            }
            for child in obj.objectValues()
            if child.portal_type == "Kontaktperson"
        ],
    }


class MandantGet(TraversingIntegrationService):
    def reply(self):
        client_number = "/".join(self.params)
        return serialize(get_mandant(client_number))
