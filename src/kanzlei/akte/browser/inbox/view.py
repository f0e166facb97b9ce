"""``@@eingang``: the firm's inbox of client uploads and messages not yet seen."""

from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.inbox import seen
from kanzlei.akte.content.dokument import FROM_CLIENT
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized


LIMIT = 200


class InboxView(BrowserView):
    template = ViewPageTemplateFile("templates/eingang.pt")

    def __call__(self):
        if not is_staff(self.context):
            raise Unauthorized("staff only")
        self.portal = api.portal.get()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            uids = self.request.form.get("uids") or []
            if isinstance(uids, str):
                uids = [uids]
            known = {brain.UID for brain in self.unseen_brains(limit=None)}
            chosen = [uid for uid in uids if uid in known]
            if chosen:
                seen.mark_seen(self.portal, chosen, api.user.get_current().getId())
                api.portal.show_message(
                    _(
                        "inbox_marked",
                        default="${count} Eingänge als gesehen markiert.",
                        mapping={"count": len(chosen)},
                    ),
                    request=self.request,
                )
            return self.request.response.redirect(self.url)
        return self.template()

    @property
    def url(self):
        return f"{self.context.absolute_url()}/@@eingang"

    def unseen_brains(self, limit=LIMIT):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type=["Dokument", "Nachricht"],
            direction=FROM_CLIENT,
            # client uploads are released; internal ones (e.g. a questionnaire's raw
            # data) are no "Eingang"; messages are "gesendet"
            review_state=["freigegeben", "gesendet"],
            sort_on="created",
            sort_order="reverse",
        )
        result = []
        for brain in brains:
            if seen.is_seen(self.portal, brain.UID):
                continue
            result.append(brain)
            if limit and len(result) >= limit:
                break
        # the created index has minute resolution; the metadata is exact
        result.sort(key=lambda brain: brain.created, reverse=True)
        return result

    def items(self):
        catalog = api.portal.get_tool("portal_catalog")
        mandate_cache = {}
        items = []
        for brain in self.unseen_brains():
            mandat_uid = brain.mandat_uid
            if mandat_uid not in mandate_cache:
                found = catalog(UID=mandat_uid) if mandat_uid else []
                mandat = found[0] if found else None
                mandant = None
                if mandat is not None:
                    parent_path = mandat.getPath().rpartition("/")[0]
                    parents = catalog(path={"query": parent_path, "depth": 0})
                    mandant = parents[0] if parents else None
                mandate_cache[mandat_uid] = (mandat, mandant)
            mandat, mandant = mandate_cache[mandat_uid]
            items.append(
                {
                    "uid": brain.UID,
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "type": brain.portal_type,
                    "created": api.portal.get_localized_time(
                        brain.created, long_format=True
                    ),
                    "mandat_title": mandat.Title if mandat else "",
                    "file_number": mandat.file_number if mandat else "",
                    "mandat_url": mandat.getURL() if mandat else "",
                    "mandant_title": mandant.Title if mandant else "",
                }
            )
        return items
