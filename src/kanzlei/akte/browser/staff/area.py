"""Default view (``view``) of the client area ``/mandanten``: the staff overview.

Catalog brains only (metadata ``client_number``, ``email``, ``online_access``,
``mandant_uid``), 50 clients per page; the search finds clients by name, client
number (prefix) and the Aktenzeichen (prefix) of one of their mandates.
"""

from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.formatting import format_datetime
from kanzlei.akte.limits import form_text
from kanzlei.akte.limits import MAX_LINE
from plone import api
from plone.base.utils import munge_search_term
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.ZCTextIndex.ParseTree import ParseError
from zExceptions import Unauthorized
from zope.i18n import translate

import contextlib


BATCH_SIZE = 50
# Upper bound of a prefix range query on a FieldIndex.
PREFIX_END = "\U0010ffff"


def prefix(term):
    return {"query": (term, term + PREFIX_END), "range": "min:max"}


class AreaView(BrowserView):
    batch_size = BATCH_SIZE

    def __call__(self):
        if not is_staff(self.context):
            raise Unauthorized("Nur für die Kanzlei")
        return self.index()

    @property
    def catalog(self):
        return api.portal.get_tool("portal_catalog")

    @property
    def term(self):
        return form_text(self.request, "q", MAX_LINE)

    def can_add(self):
        return api.user.has_permission("kanzlei.akte: Add Mandant", obj=self.context)

    def matching_uids(self, term):
        """UIDs of the Mandanten whose name, client number or Aktenzeichen matches."""
        catalog = self.catalog
        uids = {
            b.UID for b in catalog(portal_type="Mandant", client_number=prefix(term))
        }
        uids.update(
            getattr(b, "mandant_uid", None)
            for b in catalog(portal_type="Mandat", file_number=prefix(term))
        )
        text = munge_search_term(term)
        if text:
            with contextlib.suppress(ParseError):
                uids.update(
                    b.UID for b in catalog(portal_type="Mandant", SearchableText=text)
                )
        uids.discard(None)
        return uids

    def brains(self):
        query = {
            "portal_type": "Mandant",
            "path": {"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            "sort_on": "sortable_title",
        }
        if self.term:
            uids = self.matching_uids(self.term)
            if not uids:
                return []
            query["UID"] = list(uids)
        return self.catalog(**query)

    def batch(self):
        try:
            start = max(int(self.request.form.get("b_start", 0)), 0)
        except (TypeError, ValueError):
            start = 0
        return Batch(self.brains(), size=self.batch_size, start=start)

    def mandate_counts(self, uids):
        """Mandant UID -> number of its mandates (one catalog query)."""
        counts = dict.fromkeys(uids, 0)
        if uids:
            for brain in self.catalog(portal_type="Mandat", mandant_uid=list(uids)):
                uid = getattr(brain, "mandant_uid", None)
                if uid in counts:
                    counts[uid] += 1
        return counts

    def rows(self, batch):
        brains = list(batch)
        counts = self.mandate_counts([b.UID for b in brains])
        yes = translate(_("area_yes", default="ja"), context=self.request)
        no = translate(_("area_no", default="nein"), context=self.request)
        return [
            {
                "url": b.getURL(),
                "client_number": b.client_number or "",
                "title": b.Title or "",
                "email": getattr(b, "email", None) or "",
                "online_access": yes if getattr(b, "online_access", None) else no,
                "mandates": counts.get(b.UID, 0),
                "modified": format_datetime(b.modified),
            }
            for b in brains
        ]
