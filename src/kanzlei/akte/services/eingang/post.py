"""POST /@akte-eingang/fetched: mark inbox items as fetched.

Body: ``{"uids": [...]}`` or ``{"cursor": n}`` (everything up to and including n).
"""

from kanzlei.akte import _
from kanzlei.akte.services.base import TraversingIntegrationService
from kanzlei.akte.services.eingang.store import get_inbox
from kanzlei.akte.services.errors import NotFoundError
from kanzlei.akte.services.errors import ValidationError


class EingangFetched(TraversingIntegrationService):
    def reply(self):
        if self.params != ["fetched"]:
            raise NotFoundError(_("api_error_not_found", default="Nicht gefunden."))
        data = self.body()
        inbox = get_inbox(create=True)
        uids = data.get("uids")
        cursor = data.get("cursor")
        if isinstance(uids, list) and all(isinstance(u, str) for u in uids) and uids:
            known = set(inbox.entries.values())
            unknown = [uid for uid in uids if uid not in known]
            if unknown:
                raise ValidationError(
                    _(
                        "api_error_unknown_uids",
                        default="Nicht im Eingang: ${uids}",
                        mapping={"uids": ", ".join(unknown)},
                    ),
                    errors=[("uids", ", ".join(unknown))],
                )
        elif isinstance(cursor, int) and not isinstance(cursor, bool) and cursor >= 0:
            uids = list(inbox.entries.values(max=cursor)) if len(inbox.entries) else []
        else:
            raise ValidationError(
                _(
                    "api_error_fetched_body",
                    default="Erwartet: uids (Liste) oder cursor (Zahl).",
                ),
                errors=[("uids", "list of UIDs"), ("cursor", "integer")],
            )
        return {"marked": inbox.mark_fetched(uids)}
