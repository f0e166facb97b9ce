"""Shared by the @akte-einladung services: find the target, describe an invitation."""

from kanzlei.akte import _
from kanzlei.akte.accounts import invitations
from kanzlei.akte.language import recipients
from kanzlei.akte.services.base import get_mandant
from kanzlei.akte.services.base import isodate
from kanzlei.akte.services.base import required
from kanzlei.akte.services.errors import NotFoundError
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


MSG_LETTER_PENDING = _(
    "accounts_letter_pending_short",
    default="Brief noch nicht gedruckt: noch kein Aktivierungscode ausgestellt.",
)


def target_from(data):
    """The Mandant (``client_number``) or its Kontaktperson (``contact``: UID)."""
    mandant = get_mandant(required(data, "client_number"))
    contact = data.get("contact")
    if not contact:
        return mandant
    for obj in invitations.targets_of(mandant)[1:]:
        if api.content.get_uuid(obj) == contact:
            return obj
    raise NotFoundError(
        _(
            "api_error_no_contact",
            default="Keine solche Kontaktperson bei diesem Mandanten.",
        ),
        errors=[("contact", "unknown")],
    )


def describe(target, invitation):
    """Never the code, the link token or a hash."""
    mandant = invitations.mandant_of(target)
    userid, details = invitations.registration_for(target)
    result = {
        "client_number": mandant.client_number,
        "contact": None if target is mandant else api.content.get_uuid(target),
        "title": target.title,
        "registered": bool(userid),
        "invitation": None,
    }
    if invitation is not None:
        result["invitation"] = {
            "state": invitation.state(),
            "email": invitation.email,
            "created": isodate(invitation.created),
            "expires": isodate(invitation.expires),
            "code_issued": isodate(invitation.code_issued),
            "code_pending": bool(invitation.code_pending),
            "used": isodate(invitation.used),
            "revoked": isodate(invitation.revoked),
            "mail_failed": bool(invitation.mail_failed),
            "language": recipients.of_invitation(invitation),
        }
        if invitation.code_pending and invitation.is_open():
            result["invitation"]["hint"] = translate(
                MSG_LETTER_PENDING, context=getRequest()
            )
    return result
