"""The invitation e-mail: firm name, link to the registration page, validity.

In the invitation's language (the "Korrespondenzsprache" staff chose), dates as in
that language.

Never the activation code, never anything about the client's mandates. Sent through
Plone's MailHost when the transaction commits (nothing is sent when it aborts).
"""

from kanzlei.akte import _
from kanzlei.akte import logger
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.language import recipients
from kanzlei.akte.mail.letterhead import compose_for_mailhost
from plone import api
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message


SUBJECT = _(
    "onboarding_mail_subject",
    default="Ihre Einladung zur Online-Akte von ${firm}",
)
BODY = _(
    "onboarding_mail_body",
    default="Guten Tag,\n\n"
    "${firm} lädt Sie zur Online-Akte ein. Dort sehen Sie jederzeit die Dokumente "
    "Ihrer Mandate, können Dokumente herunterladen und uns Dokumente und Nachrichten "
    "senden.\n\n"
    "Über diesen Link gelangen Sie zur Anmeldeseite:\n\n"
    "${url}\n\n"
    "Dort geben Sie bitte den Aktivierungscode ein, den Sie von uns auf einem anderen "
    "Weg erhalten (per Brief oder persönlich), und wählen einen Benutzernamen (ohne "
    "Leerzeichen) und ein Passwort (mindestens 8 Zeichen).\n\n"
    "Der Link ist gültig bis zum ${valid_until}.\n\n"
    "Diese E-Mail wurde automatisch erstellt. Bei Fragen zur Online-Akte sind wir "
    "gerne für Sie da.\n\n"
    "Mit freundlichen Grüßen\n"
    "${firm}",
)


def registration_url(token=None):
    url = api.portal.get().absolute_url() + "/@@registrierung"
    if token:
        url += "?" + urlencode({"token": token})
    return url


def send_invitation(invitation, token):
    """Queue the invitation e-mail; False (and a log entry) when no mail can be sent."""
    firm = branding.get("firm_name")
    language = recipients.of_invitation(invitation)
    mapping = {
        "firm": firm,
        "url": registration_url(token),
        "valid_until": recipients.format_date(invitation.expires, language),
    }
    subject = translate(Message(SUBJECT, mapping=mapping), target_language=language)
    body = translate(Message(BODY, mapping=mapping), target_language=language)
    try:
        api.portal.send_email(
            recipient=invitation.email,
            subject=subject,
            body=compose_for_mailhost(body, language),
            immediate=False,
        )
    except Exception:  # no MailHost configured, bad address: staff see it on the panel
        logger.exception("Invitation e-mail to a client could not be queued")
        invitation.mail_failed = True
        return False
    invitation.mail_failed = False
    return True
