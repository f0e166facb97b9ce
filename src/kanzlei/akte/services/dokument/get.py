"""GET /@akte-dokument?external_id=...: a Dokument by the external document id."""

from kanzlei.akte import _
from kanzlei.akte.content.dokument import IDokument
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.base import isodate
from kanzlei.akte.services.base import lookup
from kanzlei.akte.services.base import required
from kanzlei.akte.services.errors import NotFoundError
from kanzlei.akte.uploads.names import sanitize_name
from plone import api


def _enclosing(obj, iface):
    for item in obj.aq_chain:
        if iface.providedBy(item):
            return item
    return None


def file_info(obj):
    file = obj.file
    if file is None:
        return None
    return {
        "filename": sanitize_name(file.filename, fallback="dokument"),
        "content-type": file.contentType,
        "size": file.getSize(),
        "download": f"{obj.absolute_url()}/@@download/file",
    }


def serialize(obj):
    mandat = _enclosing(obj, IMandat)
    mandant = _enclosing(obj, IMandant)
    result = {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": api.content.get_uuid(obj),
        "file_number": mandat.file_number if mandat is not None else None,
        "client_number": mandant.client_number if mandant is not None else None,
        "title": obj.Title(),
        "created": isodate(obj.created()),
        "modified": isodate(obj.modified()),
        "direction": obj.direction,
        "review_state": api.content.get_state(obj),
    }
    if IDokument.providedBy(obj):
        result.update(
            {
                "external_id": obj.external_id,
                "document_date": isodate(obj.document_date),
                "category": obj.category,
                "added_by": obj.added_by,
                "file": file_info(obj),
                "sha256": getattr(obj, "akte_sha256", None),
            }
        )
    return result


class DokumentGet(IntegrationService):
    def reply(self):
        external_id = required(self.request.form, "external_id")
        obj = lookup("external_id", external_id, "Dokument")
        if obj is None:
            raise NotFoundError(
                _(
                    "api_error_no_document",
                    default="Kein Dokument mit der ID ${id}.",
                    mapping={"id": external_id},
                )
            )
        return serialize(obj)
