"""POST /@akte-einladung: invite a Mandant or Kontaktperson (the code, once).

PUT renews (a new code for the open invitation, the e-mailed link stays valid; a new
invitation when the last one expired, was revoked or locked); DELETE revokes; GET reads
the state. The activation code is in the POST/PUT answer only, never stored in clear.
"""

from kanzlei.akte import _
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.invite import invitation_problem
from kanzlei.akte.accounts.invite import invite
from kanzlei.akte.accounts.invite import issue_code
from kanzlei.akte.accounts.invite import NO_EMAIL
from kanzlei.akte.language import recipients
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.einladung.common import describe
from kanzlei.akte.services.einladung.common import target_from
from kanzlei.akte.services.errors import ConflictError
from kanzlei.akte.services.errors import ValidationError


def check_invitable(target, email):
    """The one rule (``accounts.invite``), answered as 409 or 400 with its message."""
    problem = invitation_problem(target, email)
    if problem is None:
        return
    if problem.kind == NO_EMAIL:
        raise ValidationError(
            problem.message,
            errors=[("email", _("api_error_required_field", default="Pflichtfeld"))],
        )
    raise ConflictError(problem.message)


def email_from(data):
    email = data.get("email")
    if email is not None and (not isinstance(email, str) or "@" not in email):
        raise ValidationError(
            _("api_error_email", default="Ungültige E-Mail-Adresse."),
            errors=[("email", "invalid")],
        )
    return email


def language_from(data):
    """``language`` ("de", "en") of mail and letter; absent: the target's
    "Korrespondenzsprache"."""
    language = data.get("language")
    if language is not None and not recipients.known(language):
        raise ValidationError(
            _("api_error_language", default="Unbekannte Sprache (de oder en)."),
            errors=[("language", "invalid")],
        )
    return language


class EinladungPost(IntegrationService):
    renew = False

    def reply(self):
        data = self.body()
        target = target_from(data)
        email = email_from(data)
        check_invitable(target, email)
        current = invitations.current_invitation(target)
        if self.renew and current is not None and current.is_open():
            code = issue_code(current)
            invitation, mail_sent = current, None
            status = 200
        else:
            send_mail = bool(data.get("send_email", True))
            invited = invite(
                target, email=email, send_mail=send_mail, language=language_from(data)
            )
            invitation, code = invited.invitation, invited.code
            mail_sent = bool(invited.mail_sent)
            status = 201
        self.request.response.setStatus(status)
        result = describe(target, invitation)
        result["activation_code"] = code
        result["mail_sent"] = mail_sent
        return result


class EinladungPut(EinladungPost):
    renew = True
