"""@@akte-zugang on a Mandant: who of this client is invited, registered or locked.

Staff (whoever may modify the Mandant) send, renew and revoke invitations and get a new
activation code with the printable letter. The code is shown only in the response to
the button that made it (the letter page), never stored in clear: showing it again
means making a new one, which makes the old one void.
"""

from Acquisition import aq_base
from datetime import datetime
from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.accounts import invitation_mail as mail
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.invite import invitation_problem
from kanzlei.akte.accounts.invite import invite
from kanzlei.akte.accounts.invite import issue_code
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.branding.viewlets import logo_url
from kanzlei.akte.language import recipients
from kanzlei.akte.language.templates import TranslatedTemplate
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


STATE_LABELS = {
    invitations.OPEN: _("onboarding_state_invited", default="eingeladen"),
    invitations.USED: _("onboarding_state_used", default="Einladung verwendet"),
    invitations.LOCKED: _(
        "onboarding_state_locked",
        default="gesperrt (Aktivierungscode zu oft falsch eingegeben)",
    ),
    invitations.EXPIRED: _("onboarding_state_expired", default="Einladung abgelaufen"),
    invitations.REVOKED: _("onboarding_state_revoked", default="Einladung widerrufen"),
}
MSG_SENT = _(
    "onboarding_msg_sent",
    default="Die Einladung wurde an ${email} gesendet. Geben Sie dem Mandanten den "
    "Aktivierungscode auf einem anderen Weg (Brief unten).",
)
MSG_SENT_FAILED = _(
    "onboarding_msg_mail_failed",
    default="Die Einladung wurde angelegt, aber die E-Mail konnte nicht versendet "
    "werden (ist der Mailserver eingerichtet?). Senden Sie die Einladung später "
    "erneut.",
)
MSG_NEW_CODE = _(
    "onboarding_msg_new_code",
    default="Ein neuer Aktivierungscode wurde erzeugt; der bisherige gilt nicht mehr. "
    "Der Link aus der E-Mail bleibt gültig.",
)
MSG_REVOKED = _("onboarding_msg_revoked", default="Die Einladung wurde widerrufen.")
ATTN = _("onboarding_letter_attn", default="z. Hd. ${name}")
MSG_NOTHING_OPEN = _(
    "onboarding_msg_nothing_open",
    default="Es gibt keine offene Einladung. Senden Sie eine neue Einladung.",
)


def format_datetime(value):
    return value.strftime("%d.%m.%Y %H:%M") if value else ""


class AccessPanelView(BrowserView):
    template = ViewPageTemplateFile("templates/zugang.pt")
    panel = ViewPageTemplateFile("templates/zugang_panel.pt")
    letter_template = ViewPageTemplateFile("templates/brief.pt")
    letter_body_template = TranslatedTemplate("templates/brief_inhalt.pt")

    @property
    def embedded(self):
        """Rendered inside another page (the Mandant's staff page): only the panel."""
        return aq_base(self.request.get("PUBLISHED")) is not aq_base(self)

    def __call__(self):
        if self.embedded:
            return self.panel()
        self.request.response.setHeader("Cache-Control", "no-store")
        if self.request.method == "POST" and self.request.form.get("action"):
            CheckAuthenticator(self.request)
            form = self.request.form
            return self.handle(form["action"], form.get("target"))
        return self.template()

    # --- actions -------------------------------------------------------------------

    def find_target(self, key):
        if key == "mandant":
            return self.context
        for target in invitations.targets_of(self.context)[1:]:
            if api.content.get_uuid(target) == key:
                return target
        raise BadRequest("unknown person")

    def handle(self, action, key):
        target = self.find_target(key)
        if action == "send":
            return self.send(target)
        if action == "code":
            return self.new_code(target)
        if action == "revoke":
            invitation = invitations.current_invitation(target)
            if invitation is not None:
                invitations.revoke(invitation)
            return self.back(MSG_REVOKED, "info")
        raise BadRequest("unknown action")

    def send(self, target):
        problem = invitation_problem(target)
        if problem is not None:
            return self.back(problem.message, "error")
        invited = invite(target)
        if invited.mail_sent:
            message = Message(MSG_SENT, mapping={"email": invited.invitation.email})
            return self.letter(
                target, invited.invitation, invited.code, message, "info"
            )
        return self.letter(
            target, invited.invitation, invited.code, MSG_SENT_FAILED, "warning"
        )

    def new_code(self, target):
        invitation = invitations.current_invitation(target)
        code = issue_code(invitation)
        if code is None:
            return self.back(MSG_NOTHING_OPEN, "error")
        return self.letter(target, invitation, code, MSG_NEW_CODE, "info")

    def back_url(self):
        if self.request.form.get("came_from") == "mandant":
            return self.context.absolute_url()
        return self.context.absolute_url() + "/@@akte-zugang"

    def back(self, message, kind):
        api.portal.show_message(message, request=self.request, type=kind)
        self.request.response.redirect(self.back_url())
        return ""

    def letter(self, target, invitation, code, message, kind):
        self.letter_data = {
            "code": code,
            "target": target,
            "invitation": invitation,
            "message": message,
            "kind": kind,
            "language": recipients.of_invitation(invitation),
        }
        return self.letter_template()

    def letter_body(self):
        """The letter itself in the invitation's language (the page around it, the
        staff's message and buttons, stays in the staff's)."""
        return self.letter_body_template(target_language=self.letter_data["language"])

    # --- data for the templates ----------------------------------------------------

    def persons(self):
        rows = []
        for target in invitations.targets_of(self.context):
            is_mandant = target.portal_type == "Mandant"
            invitation = invitations.current_invitation(target)
            userid, details = invitations.registration_for(target)
            state = invitation.state() if invitation is not None else None
            rows.append(
                {
                    "key": "mandant" if is_mandant else api.content.get_uuid(target),
                    "title": target.Title(),
                    "kind": _("onboarding_person_mandant", default="Mandant")
                    if is_mandant
                    else _("onboarding_person_kontakt", default="Kontaktperson"),
                    "email": getattr(target, "email", None) or "",
                    "userid": userid,
                    "registered": format_datetime(details["registered"])
                    if details
                    else "",
                    "disabled": bool(details and details.get("disabled")),
                    "invitation": invitation,
                    "state": state,
                    "state_label": STATE_LABELS.get(state),
                    "created": format_datetime(invitation.created)
                    if invitation
                    else "",
                    "expires": format_datetime(invitation.expires)
                    if invitation
                    else "",
                    "language": recipients.NAMES[recipients.of_invitation(invitation)]
                    if invitation
                    else "",
                    "failed": invitation.failed_attempts if invitation else 0,
                    "mail_failed": bool(invitation and invitation.mail_failed),
                    "letter_pending": bool(
                        invitation is not None
                        and state == invitations.OPEN
                        and invitation.code_pending
                    ),
                    "show_invitation": invitation is not None
                    and not (userid and state == invitations.USED),
                    "can_send": invitation_problem(target) is None,
                    "can_code": state in (invitations.OPEN, invitations.LOCKED),
                    "can_revoke": state in (invitations.OPEN, invitations.LOCKED),
                }
            )
        return rows

    def online_access(self):
        return bool(getattr(self.context, "online_access", False))

    def contact(self):
        """The letterhead: the firm's name, address, phone and e-mail."""
        return branding.Contact()

    def logo_url(self):
        return logo_url()

    def recipient_lines(self):
        target = self.letter_data["target"]
        mandant = self.context
        lines = [mandant.Title()]
        if target.portal_type == "Kontaktperson":
            attn = Message(ATTN, mapping={"name": target.Title()})
            lines.append(translate(attn, target_language=self.letter_data["language"]))
        if mandant.street:
            lines.append(mandant.street)
        city = " ".join(p for p in (mandant.zip_code, mandant.city) if p)
        if city:
            lines.append(city)
        if mandant.country and mandant.country.strip().lower() != "deutschland":
            lines.append(mandant.country)
        return lines

    def today(self):
        return recipients.format_date(datetime.now(), self.letter_data["language"])

    def valid_until(self):
        return recipients.format_date(
            self.letter_data["invitation"].expires, self.letter_data["language"]
        )

    def registration_address(self):
        return mail.registration_url()

    def login_names(self):
        return {
            "kanzlei": settings.get("kanzlei_login"),
            "datenbank": settings.get("datenbank"),
        }
