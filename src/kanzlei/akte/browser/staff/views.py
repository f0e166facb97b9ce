"""Staff pages of a Mandant and a Mandat (``@@mandant-staff``, ``@@mandat-staff``)."""

from kanzlei.akte import _
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.browser.formatting import format_date
from kanzlei.akte.browser.formatting import format_size
from kanzlei.akte.content.dokument import DIRECTIONS
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.component import getMultiAdapter
from zope.i18n import translate


class StaffPage(BrowserView):
    def t(self, message):
        return translate(message, context=self.request)

    def fullname(self, userid):
        if not userid:
            return ""
        user = api.user.get(userid=userid)
        return (user and user.getProperty("fullname")) or userid

    def state_title(self, obj_or_brain, state=None):
        state = state or getattr(obj_or_brain, "review_state", None)
        if state is None:
            state = api.content.get_state(obj_or_brain)
        return self.t(STATE_TITLES.get(state, state))

    def can(self, permission, obj=None):
        return api.user.has_permission(permission, obj=obj or self.context)


STATE_TITLES = {
    "offen": _("staff_state_offen", default="offen"),
    "abgeschlossen": _("staff_state_abgeschlossen", default="abgeschlossen"),
    "archiviert": _("staff_state_archiviert", default="archiviert"),
    "intern": _("staff_state_intern", default="intern"),
    "freigegeben": _("staff_state_freigegeben", default="freigegeben"),
    "gesendet": _("staff_state_gesendet", default="gesendet"),
}


class MandantStaffView(StaffPage):
    def data(self):
        c = self.context
        client_type = {
            "person": _("client_type_person", default="Person"),
            "firma": _("client_type_firma", default="Unternehmen"),
        }
        rows = [
            (_("label_client_number", default="Mandantennummer"), c.client_number),
            (
                _("label_client_type", default="Art"),
                self.t(client_type.get(c.client_type, c.client_type or "")),
            ),
            (_("label_street", default="Straße und Hausnummer"), c.street),
            (
                _("staff_label_zip_city", default="PLZ und Ort"),
                " ".join(x for x in (c.zip_code, c.city) if x),
            ),
            (_("label_country", default="Land"), c.country),
            (_("label_phone", default="Telefon"), c.phone),
            (_("label_email", default="E-Mail-Adresse"), c.email),
            (
                _("label_online_access", default="Online-Akte"),
                self.t(
                    _("staff_yes", default="ja")
                    if c.online_access
                    else _("staff_no", default="nein")
                ),
            ),
        ]
        return [(self.t(label), value or "") for label, value in rows]

    def contacts(self):
        return [
            {
                "title": o.title,
                "email": o.email or "",
                "phone": o.phone or "",
                "url": o.absolute_url(),
            }
            for o in self.context.objectValues()
            if o.portal_type == "Kontaktperson"
        ]

    def mandates(self):
        brains = api.content.find(
            context=self.context,
            portal_type="Mandat",
            depth=1,
            sort_on="created",
            sort_order="reverse",
        )
        return [
            {
                "title": b.Title,
                "file_number": b.file_number or "",
                "opposing_party": b.opposing_party or "",
                "url": b.getURL(),
                "state": self.state_title(b),
                "opened": format_date(b.opened),
                "closed": format_date(b.closed),
                "responsible": self.fullname(b.responsible_lawyer),
            }
            for b in brains
        ]

    def portal_users(self):
        active = set(active_userids(self.context))
        contacts = {}
        rows = []
        for userid, details in sorted((self.context.portal_users or {}).items()):
            kp_uid = details.get("kontaktperson")
            if kp_uid and kp_uid not in contacts:
                kp = uuidToObject(kp_uid)
                contacts[kp_uid] = kp.title if kp is not None else ""
            if details.get("disabled"):
                status = _("staff_user_disabled", default="gesperrt")
            elif userid in active:
                status = _("staff_user_active", default="aktiv")
            else:
                status = _(
                    "staff_user_no_access",
                    default="kein Zugang (Online-Akte nicht angekreuzt)",
                )
            rows.append(
                {
                    "userid": userid,
                    "fullname": self.fullname(userid),
                    "kontaktperson": contacts.get(kp_uid, ""),
                    "registered": format_date(details.get("registered")),
                    "status": self.t(status),
                }
            )
        return rows

    def zugang(self):
        """The access panel (invitations, codes) of accounts/browser/onboarding."""
        return getMultiAdapter((self.context, self.request), name="akte-zugang")()


class MandatStaffView(StaffPage):
    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("akte_action"):
            CheckAuthenticator(self.request)
            self.handle(self.request.form["akte_action"])
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    def handle(self, action):
        if action in ("freigeben", "zurueckziehen"):
            count = self.bulk(action, self.request.form.get("uids") or [])
            if action == "freigeben":
                msg = _(
                    "staff_msg_released",
                    default="${count} Dokument(e) freigegeben.",
                    mapping={"count": count},
                )
            else:
                msg = _(
                    "staff_msg_withdrawn",
                    default="${count} Dokument(e) zurückgezogen (intern).",
                    mapping={"count": count},
                )
            api.portal.show_message(msg, request=self.request)
        elif action in ("abschliessen", "wiedereroeffnen"):
            api.content.transition(obj=self.context, transition=action)
            api.portal.show_message(
                _("staff_msg_mandate_closed", default="Das Mandat ist abgeschlossen.")
                if action == "abschliessen"
                else _(
                    "staff_msg_mandate_reopened", default="Das Mandat ist wieder offen."
                ),
                request=self.request,
            )

    def bulk(self, transition, uids):
        if isinstance(uids, str):
            uids = [uids]
        wanted = "freigegeben" if transition == "freigeben" else "intern"
        count = 0
        for brain in api.content.find(
            context=self.context, portal_type="Dokument", UID=list(uids)
        ):
            doc = brain.getObject()
            if api.content.get_state(doc) != wanted:
                api.content.transition(obj=doc, transition=transition)
                count += 1
        return count

    def info(self):
        c = self.context
        rows = [
            (_("label_file_number", default="Aktenzeichen"), c.file_number),
            (_("label_opposing_party", default="Gegner"), c.opposing_party),
            (
                _("label_responsible_lawyer", default="Sachbearbeiter"),
                self.fullname(c.responsible_lawyer),
            ),
            (_("staff_label_state", default="Status"), self.state_title(c)),
            (_("label_opened", default="Angelegt am"), format_date(c.opened)),
            (_("label_closed", default="Abgeschlossen am"), format_date(c.closed)),
        ]
        return [(self.t(label), value or "") for label, value in rows]

    def state(self):
        return api.content.get_state(self.context)

    def documents(self):
        brains = api.content.find(
            context=self.context,
            portal_type="Dokument",
            depth=1,
            sort_on=("document_date", "created"),
            sort_order="descending",
        )
        return [
            {
                "uid": b.UID,
                "title": b.Title,
                "url": b.getURL(),
                "date": format_date(b.document_date),
                "category": b.category or "",
                "direction": self.t(DIRECTIONS.getTerm(b.direction).title)
                if b.direction in DIRECTIONS
                else "",
                "state": self.state_title(b),
                "review_state": b.review_state,
                "size": format_size(b.file_size),
                "added_by": self.fullname(b.added_by),
            }
            for b in brains
        ]

    def messages(self):
        brains = api.content.find(
            context=self.context,
            portal_type="Nachricht",
            depth=1,
            sort_on="created",
            sort_order="descending",
        )
        return [
            {
                "title": b.Title,
                "url": b.getURL(),
                "date": format_date(b.created),
                "author": self.fullname(b.author),
                "direction": self.t(DIRECTIONS.getTerm(b.direction).title)
                if b.direction in DIRECTIONS
                else "",
            }
            for b in brains
        ]
