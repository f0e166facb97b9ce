"""PUT /@akte-mandant/<client_number>: create or update a Mandant by that number."""

from kanzlei.akte import _
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.services.base import lookup
from kanzlei.akte.services.base import TraversingIntegrationService
from kanzlei.akte.services.errors import ValidationError
from kanzlei.akte.services.mandant.get import serialize
from kanzlei.akte.services.upsert import upsert


FIELDS = (
    "title",
    "client_type",
    "street",
    "zip_code",
    "city",
    "country",
    "phone",
    "email",
    "online_access",
    "correspondence_language",
)
AREA_ID = "mandanten"


class MandantPut(TraversingIntegrationService):
    def reply(self):
        if len(self.params) != 1 or not self.params[0].strip():
            raise ValidationError(
                _(
                    "api_error_client_number_in_url",
                    default="Die Mandantennummer gehört in die Adresse: "
                    "PUT /@akte-mandant/<Mandantennummer>",
                ),
                errors=[
                    (
                        "client_number",
                        _("api_error_required_field", default="Pflichtfeld"),
                    )
                ],
            )
        client_number = self.params[0].strip()
        data = self.body()
        data.pop("client_number", None)
        existing = lookup("client_number", client_number, "Mandant")
        obj, created, changed = upsert(
            existing=existing,
            container=self.context[AREA_ID],
            portal_type="Mandant",
            schema=IMandant,
            names=FIELDS,
            data=data,
            request=self.request,
            create_values={"client_number": client_number},
        )
        self.request.response.setStatus(201 if created else 200)
        result = serialize(obj)
        result["created"] = created
        result["changed"] = sorted(changed)
        return result
