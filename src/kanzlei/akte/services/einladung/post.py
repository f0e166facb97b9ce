"""POST /@akte-einladung: invite a Mandant or Kontaktperson (the code, once).

PUT renews (a new code for the open invitation, the e-mailed link stays valid; a new
invitation when the last one expired, was revoked or locked); DELETE revokes; GET reads
the state. The activation code is in the POST/PUT answer only, never stored in clear.
"""

from kanzlei.akte import _
from kanzlei.akte.onboarding import invitations
from kanzlei.akte.onboarding.mail import send_invitation
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.einladung.common import describe
from kanzlei.akte.services.einladung.common import target_from
from kanzlei.akte.services.errors import ConflictError
from kanzlei.akte.services.errors import ValidationError


def _check_invitable(target, email):
    mandant = invitations.mandant_of(target)
    if not mandant.online_access:
        raise ConflictError(
            _(
                "api_error_no_online_access",
                default="Für diesen Mandanten ist die Online-Akte nicht freigeschaltet "
                "(online_access).",
            )
        )
    userid, _details = invitations.registration_for(target)
    if userid:
        raise ConflictError(
            _(
                "api_error_already_registered",
                default="Für diese Person ist bereits ein Zugang registriert.",
            )
        )
    if not (email or target.email):
        raise ValidationError(
            _(
                "api_error_no_email",
                default="Keine E-Mail-Adresse hinterlegt; die Einladung braucht eine.",
            ),
            errors=[("email", _("api_error_required_field", default="Pflichtfeld"))],
        )


def _email(data):
    email = data.get("email")
    if email is not None and (not isinstance(email, str) or "@" not in email):
        raise ValidationError(
            _("api_error_email", default="Ungültige E-Mail-Adresse."),
            errors=[("email", "invalid")],
        )
    return email


class EinladungPost(IntegrationService):
    renew = False

    def reply(self):
        data = self.body()
        target = target_from(data)
        email = _email(data)
        _check_invitable(target, email)
        current = invitations.current_invitation(target)
        if self.renew and current is not None and current.is_open():
            code = invitations.new_code(current)
            invitation, mail_sent = current, None
            status = 200
        else:
            invitation, token, code = invitations.create_invitation(target, email=email)
            mail_sent = (
                send_invitation(invitation, token)
                if data.get("send_email", True)
                else False
            )
            status = 201
        self.request.response.setStatus(status)
        result = describe(target, invitation)
        result["activation_code"] = code
        result["mail_sent"] = mail_sent
        return result


class EinladungPut(EinladungPost):
    renew = True
