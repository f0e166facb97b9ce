"""PUT /@akte-mandat: create or update a Mandat by its Aktenzeichen (in the JSON body).

An Aktenzeichen contains "/" (``123/26``), so it travels in the body (``file_number``)
or as query parameter ``?file_number=123%2F26``, never as a path segment.
"""

from Acquisition import aq_parent
from kanzlei.akte import _
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.services.base import batch
from kanzlei.akte.services.base import batch_reply
from kanzlei.akte.services.base import get_mandant
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.base import lookup
from kanzlei.akte.services.base import required
from kanzlei.akte.services.errors import ConflictError
from kanzlei.akte.services.mandat.get import serialize
from kanzlei.akte.services.upsert import upsert


FIELDS = ("title", "opposing_party", "responsible_lawyer", "opened")


class MandatPut(IntegrationService):
    def reply(self):
        data = self.body()
        if "items" not in data and self.request.form.get("file_number"):
            data.setdefault("file_number", self.request.form["file_number"])
        results, is_batch = batch(data, self.upsert_one)
        return batch_reply(self, results, is_batch)

    def upsert_one(self, data):
        data = dict(data)
        file_number = required(data, "file_number")
        client_number = data.pop("client_number", None)
        data.pop("file_number")
        existing = lookup("file_number", file_number, "Mandat")
        if existing is None:
            client_number = required({"client_number": client_number}, "client_number")
            container = get_mandant(client_number)
        else:
            container = aq_parent(existing)
            if client_number and str(client_number).strip() != container.client_number:
                raise ConflictError(
                    _(
                        "api_error_mandate_other_client",
                        default="Das Aktenzeichen ${number} gehört zu einem anderen "
                        "Mandanten.",
                        mapping={"number": file_number},
                    )
                )
        obj, created, changed = upsert(
            existing=existing,
            container=container,
            portal_type="Mandat",
            schema=IMandat,
            names=FIELDS,
            data=data,
            request=self.request,
            create_values={"file_number": file_number},
        )
        result = serialize(obj)
        result["created"] = created
        result["changed"] = sorted(changed)
        return result
