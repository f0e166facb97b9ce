"""The form of every e-mail the portal sends: the text part, and an HTML part with the
firm's header (logo, name) and footer (address, phone, e-mail, Impressum, Datenschutz).

The HTML part says nothing the text part does not say, besides the firm's public
contact. The logo travels inside the mail (``multipart/related``, ``cid:``), never as
a remote image (many mail clients block those, and a fetch tells the sender that the
mail was opened); only a PNG logo is attached, since most mail clients (Gmail, Outlook)
do not show SVG. Without a PNG logo the header is the firm's name alone.
"""

from email.message import EmailMessage
from email.utils import make_msgid
from kanzlei.akte import _
from kanzlei.akte.branding import colour
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.branding.logo import PNG
from kanzlei.akte.branding.logo import servable
from zope.i18n import translate

import html
import re


URL = re.compile(r"(https?://[^\s<>\"]+)")
FONT = "font-family: Arial, Helvetica, sans-serif"


def _paragraphs(text):
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(block)
        linked = URL.sub(r'<a href="\1">\1</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br />\n") + "</p>")
    return "\n".join(paragraphs)


def png_logo():
    """The firm's logo bytes if it is a PNG, else None."""
    found = servable(branding.get("logo"))
    if found is None or not found[1].startswith(PNG):
        return None
    return found[1]


LABELS = {
    "phone": _("brand_phone", default="Telefon"),
    "email": _("brand_email", default="E-Mail"),
    "imprint": _("brand_imprint", default="Impressum"),
    "privacy": _("brand_privacy", default="Datenschutz"),
}


def _footer(contact, language):
    def label(key):
        return html.escape(translate(LABELS[key], target_language=language))

    lines = [f"<strong>{html.escape(contact.firm_name)}</strong>"]
    lines += [html.escape(line) for line in contact.address_lines]
    if contact.phone:
        phone = html.escape(contact.phone)
        lines.append(f"{label('phone')}: {phone}")
    if contact.email:
        email = html.escape(contact.email, quote=True)
        lines.append(f'{label("email")}: <a href="mailto:{email}">{email}</a>')
    links = []
    if contact.imprint_url:
        url = html.escape(contact.imprint_url, quote=True)
        links.append(f'<a href="{url}">{label("imprint")}</a>')
    if contact.privacy_url:
        url = html.escape(contact.privacy_url, quote=True)
        links.append(f'<a href="{url}">{label("privacy")}</a>')
    if links:
        lines.append(" · ".join(links))
    return "<br />\n".join(lines)


def text_to_html(text, language="de", logo_cid=None):
    """The HTML part: the firm's header, the text (links clickable), the footer."""
    contact = branding.Contact()
    brand = colour.current()
    name = html.escape(contact.firm_name)
    logo = (
        f'<img src="cid:{logo_cid}" alt="{name}" height="48" '
        'style="display: block; height: 48px; width: auto; border: 0" /><br />'
        if logo_cid
        else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head>'
        '<meta charset="utf-8" /><title>' + name + "</title></head>"
        f'<body style="{FONT}; line-height: 1.4; color: #1a1a1a">\n'
        f'<div class="akte-mail-header" style="border-bottom: 4px solid {brand}; '
        f'padding-bottom: 8px; margin-bottom: 16px">{logo}'
        f'<strong style="font-size: 18px; color: {brand}">{name}</strong></div>\n'
        f'<div class="akte-mail-text">\n{_paragraphs(text)}\n</div>\n'
        '<div class="akte-mail-footer" style="border-top: 1px solid #767676; '
        f'margin-top: 24px; padding-top: 8px; font-size: 13px; color: #4a4a4a">\n'
        f"{_footer(contact, language)}\n</div>\n</body></html>\n"
    )


def compose(text, language="de"):
    """A multipart/alternative message (no headers yet): the text as it is, and the
    branded HTML part (with the PNG logo inline, if there is one)."""
    message = EmailMessage()
    # quoted-printable: SMTP lines stay short whatever the text (RFC 5321 4.5.3.1.6)
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    logo = png_logo()
    cid = make_msgid(domain="logo.akte.invalid")[1:-1] if logo else None
    message.add_alternative(
        text_to_html(text, language, cid),
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    if logo:
        message.get_payload()[1].add_related(
            logo,
            maintype="image",
            subtype="png",
            cid=f"<{cid}>",
            filename="logo.png",
            disposition="inline",
        )
    return message


def compose_for_mailhost(text, language="de"):
    """``compose`` as the string ``api.portal.send_email`` takes: the MailHost parses it
    with its own policy (CRLF line ends, ``email.header.Header`` subjects); a message
    object would go out with bare LF line ends."""
    return compose(text, language).as_string()
