"""@@akte-mandat: one mandate as the client sees it (documents, upload, messages)."""

from kanzlei.akte import readstate
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client.common import ClientPage
from kanzlei.akte.browser.client.common import current_userid
from kanzlei.akte.browser.client.common import file_type
from kanzlei.akte.browser.client.common import fullname
from kanzlei.akte.browser.client.common import SAFE_INLINE_TYPES
from kanzlei.akte.browser.formatting import format_date
from kanzlei.akte.browser.formatting import format_datetime
from kanzlei.akte.browser.formatting import format_size
from kanzlei.akte.content.dokument import FROM_CLIENT
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.limits import form_text
from kanzlei.akte.limits import MAX_LINE
from kanzlei.akte.uploads import policy
from plone import api
from urllib.parse import urlencode
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


ADD_DOKUMENT = "kanzlei.akte: Add Dokument"
ADD_NACHRICHT = "kanzlei.akte: Add Nachricht"
PAGE_SIZE = 100


def document_brains(mandat, **query):
    return api.content.find(
        portal_type="Dokument",
        mandat_uid=api.content.get_uuid(mandat),
        sort_on=["document_date", "created"],
        sort_order="descending",
        **query,
    )


def message_brains(mandat):
    return api.content.find(
        portal_type="Nachricht",
        mandat_uid=api.content.get_uuid(mandat),
        sort_on="created",
    )


def thread(context, request, mark=True):
    """The mandate's messages, oldest first, "neu" for this user; marks them read."""
    userid = current_userid()
    read = readstate.opened(userid)
    names = {}
    items = []
    for brain in message_brains(context):
        message = brain.getObject()
        attachments = []
        for relation in message.attachments or ():
            doc = relation.to_object if not relation.isBroken() else None
            if doc is None or not api.user.has_permission("View", obj=doc):
                continue
            attachments.append(
                {
                    "title": doc.Title(),
                    "url": doc.absolute_url() + "/@@akte-datei",
                    "size": format_size(doc.file.getSize() if doc.file else 0),
                }
            )
        items.append(
            {
                "uid": brain.UID,
                "title": brain.Title,
                "text": message.text or "",
                "from_client": message.direction == FROM_CLIENT,
                "author": fullname(message.author, names),
                "date": format_datetime(brain.created),
                "new": readstate.is_new(userid, brain, read),
                "attachments": attachments,
            }
        )
    if mark:
        readstate.mark_opened(userid, [i["uid"] for i in items if i["new"]], request)
    return items


class AkteMandatView(ClientPage):
    def __call__(self):
        self.userid = current_userid()
        self.staff = is_staff(self.context)
        self.q = form_text(self.request, "q", MAX_LINE)
        self.category = form_text(self.request, "kategorie", MAX_LINE)
        self.direction = form_text(self.request, "richtung", MAX_LINE)
        self.documents = self.load_documents()
        self.messages = thread(self.context, self.request)
        self.limits = policy.limits()
        return super().__call__()

    def mandate(self):
        c = self.context
        return {
            "file_number": c.file_number,
            "title": c.title,
            "opposing_party": c.opposing_party or "",
            "lawyer": fullname(c.responsible_lawyer, {}),
            "opened": format_date(c.opened),
            "state": api.content.get_state(c),
        }

    def is_open(self):
        return api.content.get_state(self.context) == "offen"

    def can_upload(self):
        return api.user.has_permission(ADD_DOKUMENT, obj=self.context)

    def can_write(self):
        return api.user.has_permission(ADD_NACHRICHT, obj=self.context)

    def several_mandates(self):
        return len(api.content.find(portal_type="Mandat")) > 1

    def categories(self):
        factory = getUtility(IVocabularyFactory, "kanzlei.akte.categories")
        return [(t.value, t.title or t.value) for t in factory(self.context)]

    def load_documents(self):
        query = {}
        if self.category:
            query["category"] = self.category
        if self.direction in (FROM_FIRM, FROM_CLIENT):
            query["direction"] = self.direction
        read = readstate.opened(self.userid)
        needle = self.q.lower()
        brains = document_brains(self.context, **query)
        if needle:
            brains = [
                b for b in brains if needle in (b.Title or b.file_name or "").lower()
            ]
        # Lazy catalog results: only one page of brains is ever loaded.
        self.total = len(brains)
        try:
            self.b_start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            self.b_start = 0
        if self.b_start >= self.total:
            self.b_start = 0
        rows = []
        for brain in brains[self.b_start : self.b_start + PAGE_SIZE]:
            title = brain.Title or brain.file_name or ""
            from_client = brain.direction == FROM_CLIENT
            rows.append(
                {
                    "uid": brain.UID,
                    "title": title,
                    "url": brain.getURL() + "/@@akte-datei",
                    "preview": (
                        brain.getURL() + "/@@akte-datei?inline=1"
                        if brain.mime_type in SAFE_INLINE_TYPES
                        else None
                    ),
                    "date": format_date(brain.document_date or brain.created),
                    "category": brain.category or "",
                    "from_client": from_client,
                    "own": brain.added_by == self.userid,
                    "size": format_size(brain.file_size),
                    "type": file_type(brain.file_name),
                    "new": (not from_client or brain.added_by != self.userid)
                    and readstate.is_new(self.userid, brain, read),
                }
            )
        return rows

    def page_link(self, start):
        form = {"q": self.q, "kategorie": self.category, "richtung": self.direction}
        query = urlencode({k: v for k, v in form.items() if v} | {"b_start": start})
        return f"{self.context.absolute_url()}/@@akte-mandat?{query}#dokumente"

    def paging(self):
        if self.total <= PAGE_SIZE:
            return None
        end = min(self.b_start + PAGE_SIZE, self.total)
        return {
            "first": self.b_start + 1,
            "last": end,
            "total": self.total,
            "prev": self.page_link(max(0, self.b_start - PAGE_SIZE))
            if self.b_start
            else None,
            "next": self.page_link(end) if end < self.total else None,
        }

    @property
    def filtered(self):
        return bool(self.q or self.category or self.direction)
