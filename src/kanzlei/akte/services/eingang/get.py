"""GET /@akte-eingang?since=<cursor>&limit=<n>: what clients uploaded and wrote.

Oldest first; every item carries its ``cursor``; pass the last one as ``since`` for the
next page (``next`` is ready-made). ``unfetched=1`` leaves out what was marked as
fetched (``POST @akte-eingang/fetched``).
"""

from kanzlei.akte import _
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.dokument.get import serialize
from kanzlei.akte.services.eingang.store import get_inbox
from kanzlei.akte.services.errors import ValidationError
from plone import api
from urllib.parse import urlencode


DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def _int(form, name, default, minimum, maximum):
    value = form.get(name, default)
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value is None or not minimum <= value <= maximum:
        raise ValidationError(
            _(
                "api_error_number_param",
                default="${name} muss eine Zahl zwischen ${min} und ${max} sein.",
                mapping={"name": name, "min": minimum, "max": maximum},
            ),
            errors=[(name, f"{minimum}..{maximum}")],
        )
    return value


def serialize_item(obj, seq, fetched):
    item = serialize(obj)
    item["cursor"] = seq
    item["fetched"] = fetched.isoformat() if fetched else None
    if obj.portal_type == "Nachricht":
        item["text"] = obj.text
        item["author"] = obj.author
        item["attachments"] = [
            rel.to_object.external_id or api.content.get_uuid(rel.to_object)
            for rel in (obj.attachments or [])
            if rel.to_object is not None
        ]
    return item


class EingangGet(IntegrationService):
    def reply(self):
        form = self.request.form
        since = _int(form, "since", 0, 0, 2**62)
        limit = _int(form, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        unfetched = form.get("unfetched") in ("1", "true", "yes")
        inbox = get_inbox()
        items = []
        has_more = False
        last = since
        catalog = api.portal.get_tool("portal_catalog")
        for seq, uid in inbox.after(since) if inbox is not None else ():
            fetched = inbox.fetched.get(uid)
            if unfetched and fetched:
                last = seq
                continue
            brains = catalog(UID=uid)
            if not brains:  # deleted since (or not visible): skip
                last = seq
                continue
            if len(items) == limit:
                has_more = True
                break
            items.append(serialize_item(brains[0].getObject(), seq, fetched))
            last = seq
        result = {"items": items, "cursor": last, "has_more": has_more}
        query = {"since": last, "limit": limit}
        if unfetched:
            query["unfetched"] = 1
        result["next"] = (
            f"{self.context.absolute_url()}/@akte-eingang?{urlencode(query)}"
        )
        return result
