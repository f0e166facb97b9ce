"""The one rule "may this person be invited?" and the one way to invite.

Every caller uses these: the staff panel (``@@akte-zugang``), the REST endpoint
``@akte-einladung`` and the automatic invitation when a client gets online access.

- ``invitation_problem(target, email=None)``: why ``target`` (a Mandant or one of its
  Kontaktpersonen) cannot be invited now, or None.
- ``invite(target, email=None, with_code=True, send_mail=True, language=None)``: a
  new invitation in ``language`` (else the target's "Korrespondenzsprache")
  (an open one of the same person becomes void), its e-mail queued for the commit.
  ``with_code=False`` (the automatic invitation) makes no activation code: the letter
  is still to be printed, and staff see "Brief noch nicht gedruckt".
- ``issue_code(invitation)``: a (new) activation code for the letter.
"""

from dataclasses import dataclass
from dataclasses import field
from kanzlei.akte import _
from kanzlei.akte.accounts import invitation_mail
from kanzlei.akte.accounts import invitations
from zope.i18nmessageid import Message


NO_ONLINE_ACCESS = "no_online_access"
ALREADY_REGISTERED = "already_registered"
NO_EMAIL = "no_email"

MESSAGES = {
    NO_ONLINE_ACCESS: _(
        "accounts_invite_no_online_access",
        default="Für diesen Mandanten ist „Online-Akte“ nicht angekreuzt. Kreuzen Sie "
        "es zuerst an (Bearbeiten).",
    ),
    ALREADY_REGISTERED: _(
        "accounts_invite_already_registered",
        default="Für diese Person ist bereits ein Zugang registriert.",
    ),
    NO_EMAIL: _(
        "accounts_invite_no_email",
        default="Für diese Person ist keine E-Mail-Adresse hinterlegt; die Einladung "
        "braucht eine.",
    ),
}


@dataclass(frozen=True)
class Problem:
    kind: str
    message: Message = field(compare=False)


def invitation_problem(target, email=None):
    mandant = invitations.mandant_of(target)
    if mandant is None or not getattr(mandant, "online_access", False):
        return Problem(NO_ONLINE_ACCESS, MESSAGES[NO_ONLINE_ACCESS])
    userid, _details = invitations.registration_for(target)
    if userid:
        return Problem(ALREADY_REGISTERED, MESSAGES[ALREADY_REGISTERED])
    if not (email or getattr(target, "email", None)):
        return Problem(NO_EMAIL, MESSAGES[NO_EMAIL])
    return None


def can_invite(target, email=None):
    return invitation_problem(target, email) is None


@dataclass
class Invited:
    invitation: invitations.Invitation
    code: str | None  # in clear, only this once (None: letter still to be printed)
    mail_sent: bool | None  # None: no mail was asked for


def invite(target, email=None, with_code=True, send_mail=True, language=None):
    """Invite ``target``; raises ValueError with the problem when it may not be.

    ``language`` of mail and letter: else the target's "Korrespondenzsprache".
    """
    problem = invitation_problem(target, email)
    if problem is not None:
        raise ValueError(problem)
    invitation, token, code = invitations.create_invitation(
        target, email=email, with_code=with_code, language=language
    )
    mail_sent = (
        invitation_mail.send_invitation(invitation, token) if send_mail else None
    )
    return Invited(invitation, code, mail_sent)


def issue_code(invitation):
    """A new activation code for an open (or locked) invitation; None otherwise."""
    if invitation is None or invitation.state() not in (
        invitations.OPEN,
        invitations.LOCKED,
    ):
        return None
    return invitations.new_code(invitation)
