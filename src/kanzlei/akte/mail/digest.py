"""One e-mail: what it is about (a digest of items per mandate) and its MIME form."""

from email.utils import formataddr
from email.utils import formatdate
from email.utils import make_msgid
from kanzlei.akte import _
from kanzlei.akte.mail import links
from kanzlei.akte.mail.letterhead import compose
from kanzlei.akte.mail.queue import FOR_CLIENT
from kanzlei.akte.mail.recipients import is_questionnaire_answers
from plone.stringinterp.adapters import ContextWrapper
from plone.stringinterp.interfaces import IStringInterpolator
from zope.i18n import translate


class Digest:
    """Everything one recipient is told in one e-mail.

    ``groups``: [(mandat, [items])], items are Dokumente / Nachrichten.
    """

    def __init__(self, kind, email, base, groups, show_details, language="de"):
        self.kind = kind
        self.email = email
        self.base = base
        self.groups = groups
        self.show_details = show_details
        self.language = language

    @property
    def total(self):
        return sum(len(items) for _mandat, items in self.groups)

    @property
    def akte_url(self):
        if len(self.groups) == 1:
            return links.url_of(self.groups[0][0], self.base)
        return self.base

    def translate_text(self, msg):
        return translate(msg, target_language=self.language)

    def listing(self):
        lines = []
        for mandat, items in self.groups:
            url = links.url_of(mandat, self.base)
            count = len(items)
            if self.kind == FOR_CLIENT:
                what = (
                    _("mail_list_one_document", default="1 neues Dokument")
                    if count == 1
                    else _(
                        "mail_list_documents",
                        default="${count} neue Dokumente",
                        mapping={"count": count},
                    )
                )
            else:
                what = (
                    _("mail_list_one_incoming", default="1 neuer Eingang")
                    if count == 1
                    else _(
                        "mail_list_incoming",
                        default="${count} neue Eingänge",
                        mapping={"count": count},
                    )
                )
            answered = sum(1 for item in items if is_questionnaire_answers(item))
            if self.kind != FOR_CLIENT and answered:
                what = _(
                    "mail_list_with_questionnaires",
                    default="${what}, davon ${count} beantworteter Fragebogen",
                    mapping={"what": self.translate_text(what), "count": answered},
                )
            if self.show_details:
                label = f"{mandat.file_number or ''} {mandat.title or ''}".strip()
                lines.append(f"- {label}: {self.translate_text(what)}: {url}")
                lines.extend(f"    · {item.Title()}" for item in items)
            else:
                lines.append(f"- {self.translate_text(what)}: {url}")
        return "\n".join(lines)


def render(portal, digest, templates):
    """(subject, text) from the rule action's templates (already in the recipient's
    language: ``texts.in_language``) and our substitutions."""
    context = digest.groups[0][0] if len(digest.groups) == 1 else portal
    wrapper = ContextWrapper(context)(akte_digest=digest)
    interpolate = IStringInterpolator(wrapper)
    subject_template = templates["subject"]
    if digest.total > 1 and templates.get("digest_subject"):
        subject_template = templates["digest_subject"]
    subject = " ".join(interpolate(subject_template).split())
    return subject, interpolate(templates["message"]).strip() + "\n"


def build_message(sender_name, sender_address, recipient, subject, text, language="de"):
    """A multipart/alternative (plain text + HTML) UTF-8 message to one recipient."""
    message = compose(text, language)
    message["Subject"] = subject
    message["From"] = formataddr((sender_name or "", sender_address))
    message["To"] = recipient
    message["Date"] = formatdate(localtime=True)
    domain = sender_address.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    return message
