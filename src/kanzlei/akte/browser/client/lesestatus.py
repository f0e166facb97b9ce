"""@@akte-lesestatus (staff): which documents each client opened, what the client sent.

Shown to staff below the content of a Mandat by a viewlet; also callable as a view to
include in the staff mandate view.
"""

from Acquisition import aq_chain
from kanzlei.akte import readstate
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client.common import fullname
from kanzlei.akte.browser.client.mandat import document_brains
from kanzlei.akte.browser.client.mandat import message_brains
from kanzlei.akte.browser.formatting import format_date
from kanzlei.akte.browser.formatting import format_datetime
from kanzlei.akte.browser.formatting import format_size
from kanzlei.akte.content.dokument import FROM_CLIENT
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.content.dokument import RELEASED
from kanzlei.akte.content.mandant import IMandant
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


def enclosing_mandant(obj):
    for item in aq_chain(obj):
        if IMandant.providedBy(item):
            return item
    return None


class LesestatusView(BrowserView):
    index = ViewPageTemplateFile("templates/lesestatus.pt")

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        mandat = self.context
        mandant = enclosing_mandant(mandat)
        userids = (
            sorted((mandant.portal_users or {}).keys()) if mandant is not None else []
        )
        active = set(active_userids(mandant)) if mandant is not None else set()
        names = {}
        staff_read = readstate.opened(api.user.get_current().getId())
        docs = list(document_brains(mandat))
        # Only what the client may see: a document kept "intern" is no part of it.
        firm_docs = [
            b for b in docs if b.direction != FROM_CLIENT and b.review_state == RELEASED
        ]
        self.clients = []
        for userid in userids:
            read = readstate.opened(userid)
            self.clients.append(
                {
                    "userid": userid,
                    "name": fullname(userid, names),
                    "active": userid in active,
                    "rows": [
                        {
                            "title": b.Title,
                            "url": b.getURL(),
                            "date": format_date(b.document_date or b.created),
                            "opened": format_datetime(read.get(b.UID)),
                        }
                        for b in firm_docs
                    ],
                    "opened_count": sum(1 for b in firm_docs if b.UID in read),
                }
            )
        self.total = len(firm_docs)
        self.uploads = [
            {
                "title": b.Title,
                "url": b.getURL() + "/@@akte-datei",
                "by": fullname(b.added_by, names),
                "date": format_datetime(b.created),
                "size": format_size(b.file_size),
                "new": readstate.is_new(api.user.get_current().getId(), b, staff_read),
            }
            for b in docs
            if b.direction == FROM_CLIENT
        ]
        self.new_messages = sum(
            1
            for b in message_brains(mandat)
            if readstate.is_new(api.user.get_current().getId(), b, staff_read)
            and b.direction != FROM_FIRM
        )
        self.messages_url = mandat.absolute_url() + "/@@akte-nachricht-senden"


class LesestatusViewlet(ViewletBase):
    """Staff only: the read status below a Mandat's content (not on the client page)."""

    def available(self):
        view_name = getattr(self.view, "__name__", "")
        return is_staff(self.context) and view_name not in (
            "akte-mandat",
            "akte-nachricht-senden",
            "akte-lesestatus",
        )

    def render(self):
        if not self.available():
            return ""
        view = api.content.get_view("akte-lesestatus", self.context, self.request)
        return view()
