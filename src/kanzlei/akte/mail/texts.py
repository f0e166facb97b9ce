"""The texts of the notification rules as we ship them, and in the recipient's language.

A rule action keeps its texts (subject, digest subject, message) in the rule's
configuration, editable by the firm, in the firm's language (the site's, German), and
for clients optional English versions (``subject_en``, ...). For a recipient who reads
another language than the firm's, each text is

- the firm's version in that language, if it wrote one;
- else, while the text is as we ship it (nobody changed it), its message id translated
  (``.po`` files, ``de`` and ``en``);
- else (the firm wrote its own German text and no English one): not available. Then the
  whole mail goes out in the firm's language, with the firm's words (``in_language``
  answers None): we never replace what a firm wrote by our own text, and a mail never
  mixes two languages.

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


NAMES = (
    "subject",
    "digest_subject",
    "message",
    "subject_en",
    "digest_subject_en",
    "message_en",
)
FIELDS = ("subject", "digest_subject", "message")


def in_language(templates, language, firm_language):
    """``{"subject", "digest_subject", "message"}`` of a rule for a recipient who reads
    ``language``; None when the firm changed a text and wrote none in that language."""
    result = {}
    for name in FIELDS:
        text = templates.get(name) or ""
        own = "" if language == firm_language else templates.get(f"{name}_{language}")
        if (own or "").strip():
            result[name] = own
            continue
        message = shipped(text) if text else None
        if message is not None:
            # no mapping: the ${…} of the rule's substitutions stay for stringinterp
            result[name] = translate(message, target_language=language)
        elif language == firm_language or not text:
            result[name] = text
        else:
            return None
    return result
