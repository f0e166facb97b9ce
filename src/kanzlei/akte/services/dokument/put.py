"""PUT /@akte-dokument: create or update a Dokument by the external document id.

Body: ``external_id`` (key), ``file_number`` (the Mandat, required on create), the
metadata and ``file`` (``{"data": <base64>, "filename": ...}`` or
``{"upload": <TUS id>}``), optionally ``review_state`` (``intern``/``freigegeben``).
``{"items": [...]}`` for a batch.
"""

from Acquisition import aq_parent
from kanzlei.akte import _
from kanzlei.akte.content.dokument import IDokument
from kanzlei.akte.services.base import batch
from kanzlei.akte.services.base import batch_reply
from kanzlei.akte.services.base import get_mandat
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.base import lookup
from kanzlei.akte.services.base import required
from kanzlei.akte.services.dokument.files import IncomingFile
from kanzlei.akte.services.dokument.get import serialize
from kanzlei.akte.services.errors import ConflictError
from kanzlei.akte.services.errors import ValidationError
from kanzlei.akte.services.fields import convert
from kanzlei.akte.services.upsert import upsert
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


FIELDS = ("title", "document_date", "category", "direction")
TRANSITIONS = {
    ("intern", "freigegeben"): "freigeben",
    ("freigegeben", "intern"): "zurueckziehen",
}


class DokumentPut(IntegrationService):
    def reply(self):
        data = self.body()
        results, is_batch = batch(data, self.upsert_one)
        return batch_reply(self, results, is_batch)

    def upsert_one(self, data):
        data = dict(data)
        external_id = required(data, "external_id")
        data.pop("external_id")
        file_number = data.pop("file_number", None)
        state = data.pop("review_state", None)
        if state is not None and state not in ("intern", "freigegeben"):
            raise ValidationError(
                _(
                    "api_error_review_state",
                    default="review_state ist intern oder freigegeben.",
                ),
                errors=[("review_state", "intern | freigegeben")],
            )
        file_spec = data.pop("file", None)
        existing = lookup("external_id", external_id, "Dokument")
        if existing is None:
            mandat = get_mandat(required({"file_number": file_number}, "file_number"))
            if file_spec is None:
                required({}, "file")
        else:
            mandat = aq_parent(existing)
            if file_number and str(file_number).strip() != mandat.file_number:
                raise ConflictError(
                    _(
                        "api_error_document_other_mandate",
                        default="Das Dokument ${id} liegt in einem anderen Mandat.",
                        mapping={"id": external_id},
                    )
                )
        # validate everything (all bad fields at once) before a TUS upload is moved
        # into the blob storage
        field_error = None
        try:
            convert(IDokument, FIELDS, data, existing or mandat, self.request)
        except ValidationError as error:
            field_error = error
        try:
            incoming = IncomingFile(file_spec) if file_spec is not None else None
        except ValidationError as error:
            if field_error is None:
                raise
            field_error.errors.extend(error.errors)
        if field_error is not None:
            raise field_error
        if existing is None:
            obj, created, changed = upsert(
                existing=None,
                container=mandat,
                portal_type="Dokument",
                schema=IDokument,
                names=FIELDS,
                data=data,
                request=self.request,
                create_values={
                    "external_id": external_id,
                    "file": incoming.blob(),
                    "title": data.get("title") or incoming.filename,
                },
            )
            obj.akte_sha256 = incoming.sha256
        else:
            obj, created, changed = upsert(
                existing=existing,
                container=mandat,
                portal_type="Dokument",
                schema=IDokument,
                names=FIELDS,
                data=data,
                request=self.request,
                create_values={},
            )
            if incoming is not None and incoming.same_as(obj):
                incoming.discard()
            elif incoming is not None:
                obj.file = incoming.blob()
                obj.akte_sha256 = incoming.sha256
                changed.add("file")
                notify(ObjectModifiedEvent(obj, Attributes(IDokument, "file")))
                obj.reindexObject()
        if state is not None:
            current = api.content.get_state(obj)
            if current != state:
                api.content.transition(
                    obj=obj, transition=TRANSITIONS[(current, state)]
                )
                changed.add("review_state")
        result = serialize(obj)
        result["created"] = created
        result["changed"] = sorted(changed)
        return result
