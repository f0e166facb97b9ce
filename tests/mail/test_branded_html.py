"""Every e-mail has the firm's HTML part (logo, name, contact, Impressum) besides the
unchanged text part; the HTML part is well-formed and says nothing more than the text
part besides the firm's public contact."""

from kanzlei.akte.accounts.invitation_mail import BODY
from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.branding.settings import PREFIX
from kanzlei.akte.pas.reset import request_reset
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from lxml import etree
from plone import api
from plone.formwidget.namedfile.converter import b64encode_file
from zope.i18n import translate
from zope.i18nmessageid import Message

import re
import struct
import transaction
import zlib


CONTACT = ("KLX Rechtsanwälte", "Domkloster 1", "50667 Köln", "0221 123 456 0",
           "mailto:kanzlei@example.org", "https://www.example.org/impressum",
           "https://www.example.org/datenschutz")  # fmt: skip


def png():
    """A real 1x1 PNG."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x4e\x79")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))  # fmt: skip


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    text = text.replace("\r\n", "\n")  # MIME's canonical line ends
    html = message.get_body(preferencelist=("html",)).get_content()
    tree = etree.fromstring(html.encode())  # well-formed, or this raises
    return text, html, tree


def assert_branded(html, tree):
    for item in CONTACT:
        assert item in html, item
    assert tree.get("lang") == "de"
    for image in tree.iter("{*}img", "img"):
        assert image.get("src").startswith("cid:")  # never a remote image


def test_invitation_mail_with_png_logo_inline(akte):
    set_demo_branding()
    api.portal.set_registry_record(f"{PREFIX}.logo", b64encode_file("l.png", png()))
    mandant, _ = make_client(
        akte.portal, "Hanna Neu", "30001", "301/26", email="hanna@example.org"
    )
    transaction.commit()
    ((rcpts, message),) = [
        m for m in akte.sink.wait_for(1) if m[0] == ["hanna@example.org"]
    ]
    assert message.get_content_type() == "multipart/alternative"
    text, html, tree = parts(message)
    # the text part is the invitation text as before, word for word
    url = re.search(r"(http\S+@@registrierung\?token=\S+)", text).group(1)
    until = re.search(r"gültig bis zum (\d+\. \w+ \d{4})", text).group(1)
    mapping = {"firm": "KLX Rechtsanwälte", "url": url, "valid_until": until}
    expected = translate(Message(BODY, mapping=mapping), target_language="de")
    assert text == expected + "\n"
    assert_branded(html, tree)
    assert f'href="{url}"'.replace("&", "&amp;") in html
    related = message.get_payload()[1]
    assert related.get_content_type() == "multipart/related"
    image = related.get_payload()[1]
    assert image.get_content_type() == "image/png"
    assert image.get_content() == png()
    cid = image["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html
    assert "Hanna Neu" not in html and "301/26" not in html


def test_reset_mail_with_svg_logo_names_the_firm(akte, functional):
    set_demo_branding()  # an SVG logo: not attached, most mail clients can't show it
    transaction.commit()
    assert request_reset("mandant_a", functional["request"])
    transaction.commit()
    ((_rcpts, message),) = akte.sink.wait_for(1)
    assert [p.get_content_type() for p in message.get_payload()] == [
        "text/plain",
        "text/html",
    ]
    text, html, tree = parts(message)
    assert_branded(html, tree)
    assert "<img" not in html
    assert "passwordreset/" in text and "Domkloster" not in text  # text as before


def test_notification_mail_is_branded(akte, flush):
    set_demo_branding()
    add_document(akte.mandat_a, title="Klageerwiderung Geheim")
    transaction.commit()
    assert flush(akte.portal, minutes=11)["sent"] == 1
    ((_rcpts, message),) = akte.sink.messages
    text, html, tree = parts(message)
    assert_branded(html, tree)
    assert "0221 123 456 0" not in text  # the text part is not changed by branding
    for secret in ("Klageerwiderung", "123/26", "Mietsache", "Erika Muster"):
        assert secret not in html
