"""@@meine-akte: the client's landing page with all their mandates and the "Suche"."""

from datetime import date
from kanzlei.akte import readstate
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client.common import ClientPage
from kanzlei.akte.browser.client.common import current_userid
from kanzlei.akte.browser.client.common import fullname
from kanzlei.akte.browser.formatting import format_date
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.limits import form_text
from kanzlei.akte.limits import MAX_LINE
from plone import api
from urllib.parse import quote


CLOSED_STATES = ("abgeschlossen",)


def parse_date(value):
    """German (TT.MM.JJJJ) or ISO (JJJJ-MM-TT, <input type=date>) → date or None."""
    value = (value or "").strip()
    if not value:
        return None
    for sep, order in (("-", (0, 1, 2)), (".", (2, 1, 0))):
        parts = value.split(sep)
        if len(parts) == 3:
            try:
                year, month, day = (int(parts[i]) for i in order)
                return date(year, month, day)
            except ValueError:
                return None
    return None


def mandate_brains():
    """The current user's mandates (the catalog's allowedRolesAndUsers isolates)."""
    return api.content.find(
        portal_type="Mandat", sort_on="modified", sort_order="reverse"
    )


def new_counts(userid, mandat_uids):
    """mandat UID -> number of documents from the firm this user has not opened yet."""
    counts = dict.fromkeys(mandat_uids, 0)
    if not mandat_uids:
        return counts
    read = readstate.opened(userid)
    for brain in api.content.find(
        portal_type="Dokument", mandat_uid=list(mandat_uids), direction=FROM_FIRM
    ):
        if readstate.is_new(userid, brain, read):
            counts[brain.mandat_uid] = counts.get(brain.mandat_uid, 0) + 1
    return counts


def open_questionnaire_counts(mandate_brains):
    """mandat UID -> number of questionnaires in it still waiting for an answer."""
    uids = {b.getPath(): b.UID for b in mandate_brains}
    counts = {}
    if not uids:
        return counts
    for brain in api.content.find(
        portal_type="EasyForm",
        review_state="offen",
        path={"query": list(uids), "depth": 1},
    ):
        uid = uids.get(brain.getPath().rsplit("/", 1)[0])
        if uid:
            counts[uid] = counts.get(uid, 0) + 1
    return counts


class MeineAkteView(ClientPage):
    def __call__(self):
        if api.user.is_anonymous():
            came_from = quote(self.request.getURL())
            return self.request.response.redirect(
                f"{self.portal_url}/login?came_from={came_from}"
            )
        if is_staff():
            return self.request.response.redirect(f"{self.portal_url}/mandanten")
        self.userid = current_userid()
        self.all_brains = list(mandate_brains())
        if len(self.all_brains) == 1 and not self.request.form.get("alle"):
            return self.request.response.redirect(self.all_brains[0].getURL())
        self.errors = {}
        self.query = form_text(self.request, "q", MAX_LINE)
        self.date_from = form_text(self.request, "von", MAX_LINE)
        self.date_to = form_text(self.request, "bis", MAX_LINE)
        self.rows = self.build_rows()
        return super().__call__()

    @property
    def searched(self):
        return bool(self.query or self.date_from or self.date_to)

    def dates(self):
        start = parse_date(self.date_from)
        end = parse_date(self.date_to)
        if self.date_from and start is None:
            self.errors["von"] = self.t(
                "client_error_date", "Bitte ein Datum wie 31.12.2026 eingeben."
            )
        if self.date_to and end is None:
            self.errors["bis"] = self.t(
                "client_error_date", "Bitte ein Datum wie 31.12.2026 eingeben."
            )
        return start, end

    def matches(self, brain, start, end):
        if self.query:
            needle = self.query.lower()
            haystack = " ".join(
                str(v or "")
                for v in (brain.file_number, brain.Title, brain.opposing_party)
            ).lower()
            if needle not in haystack:
                return False
        if start or end:
            opened = brain.opened or (
                brain.created and brain.created.asdatetime().date()
            )
            changed = brain.modified.asdatetime().date() if brain.modified else opened
            # A mandate matches when its life (opened … last change) meets the range.
            if start and changed and changed < start:
                return False
            if end and opened and opened > end:
                return False
        return True

    def build_rows(self):
        start, end = self.dates()
        if self.errors:
            start = end = None
        brains = [b for b in self.all_brains if self.matches(b, start, end)]
        counts = new_counts(self.userid, [b.UID for b in self.all_brains])
        questionnaires = open_questionnaire_counts(self.all_brains)
        names = {}
        rows = []
        for brain in brains:
            rows.append(
                {
                    "url": brain.getURL(),
                    "file_number": brain.file_number or "",
                    "title": brain.Title,
                    "opposing_party": brain.opposing_party or "",
                    "lawyer": fullname(brain.responsible_lawyer, names),
                    "modified": format_date(brain.modified),
                    "new": counts.get(brain.UID, 0),
                    "questionnaires": questionnaires.get(brain.UID, 0),
                    "closed": brain.review_state in CLOSED_STATES,
                }
            )
        return rows

    def open_rows(self):
        return [r for r in self.rows if not r["closed"]]

    def closed_rows(self):
        return [r for r in self.rows if r["closed"]]

    def show_search(self):
        return len(self.all_brains) > 1
