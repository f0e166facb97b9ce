"""The texts of the notification rules as we ship them, and in the recipient's language.

A rule action keeps its texts (subject, digest subject, message) in the rule's
configuration, editable by the firm. Told in the recipient's language:

- a text as we ship it (nobody changed it): its message id, translated into the
  recipient's language (``.po`` files, ``de`` and ``en``);
- a rule whose texts the firm changed: the firm's words, as they wrote them, for
  every recipient, and the whole mail in the firm's language (the sender checks
  ``as_shipped``): we never replace what a firm wrote with our own text, and a mail
  never mixes two languages.

Whitespace does not count as a change (a form may turn line ends into CRLF).
"""

from kanzlei.akte import _
from zope.i18n import translate


CLIENT_SUBJECT = "Neues Dokument in Ihrer Online-Akte"
CLIENT_DIGEST_SUBJECT = "${anzahl_dokumente} neue Dokumente in Ihrer Online-Akte"
CLIENT_MESSAGE = """Guten Tag,

in Ihrer Online-Akte bei ${kanzlei_name} liegt Neues für Sie bereit:

${akten_liste}

Bitte melden Sie sich an, um es anzusehen. Aus Gründen der Vertraulichkeit enthält \
diese E-Mail weder Dokumente noch Einzelheiten.

Wann und wie oft wir Sie benachrichtigen, stellen Sie hier ein:
${einstellungen_url}

Mit freundlichen Grüßen
${kanzlei_name}

Diese E-Mail wurde automatisch erzeugt."""

FIRM_SUBJECT = "Neuer Eingang in der Online-Akte"
FIRM_DIGEST_SUBJECT = "${anzahl_dokumente} neue Eingänge in der Online-Akte"
FIRM_MESSAGE = """Guten Tag,

ein Mandant hat in der Online-Akte ein Dokument hochgeladen oder eine Nachricht \
geschrieben:

${akten_liste}

Alle noch nicht gesehenen Eingänge: ${eingang_url}

Diese E-Mail wurde automatisch erzeugt."""

SHIPPED = (
    _("mail_client_subject", default=CLIENT_SUBJECT),
    _("mail_client_digest_subject", default=CLIENT_DIGEST_SUBJECT),
    _("mail_client_message", default=CLIENT_MESSAGE),
    _("mail_firm_subject", default=FIRM_SUBJECT),
    _("mail_firm_digest_subject", default=FIRM_DIGEST_SUBJECT),
    _("mail_firm_message", default=FIRM_MESSAGE),
)


def _key(text):
    return " ".join((text or "").split())


_BY_TEXT = {_key(message.default): message for message in SHIPPED}


def shipped(text):
    """The message id of a text as we ship it, else None (the firm changed it)."""
    return _BY_TEXT.get(_key(text))


def localized(text, language):
    """``text`` of a rule for a recipient who reads ``language``."""
    message = shipped(text)
    if message is None:
        return text or ""
    # no mapping: the ${…} of the rule's substitutions stay for plone.stringinterp
    return translate(message, target_language=language)


def as_shipped(templates):
    """True while none of a rule's texts (``{"subject", "digest_subject",
    "message"}``) was changed by the firm."""
    return all(shipped(text) is not None for text in templates.values() if text)
