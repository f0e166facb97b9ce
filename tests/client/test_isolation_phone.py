"""Client B gets nothing of client A on any client page; pages fit a 360 px phone."""

from .helpers import denied
from .helpers import login
from .helpers import PASSWORD
from plone import api

import transaction


A_SECRETS = (
    "101/26",
    "Mietsache",
    "Anna Alpha",
    "Klageschrift",
    "Antwort Gegner",
    "M-A",
)


def test_client_b_gets_nothing_of_client_a(akte, base_url, page):
    m1 = akte["m1"].absolute_url()
    doc = akte["docs"]["klage"].absolute_url()
    login(page, base_url, "mandant-b", PASSWORD)
    token = None
    page.goto(akte["mb"].absolute_url() + "/@@akte-mandat")
    token = page.locator("form.akte-upload input[name='_authenticator']").input_value()
    for url in (
        m1,
        m1 + "/@@akte-mandat",
        m1 + "/@@akte-mandat?q=Klage",
        m1 + "/@@akte-nachricht-senden",
        m1 + "/@@akte-lesestatus",
        m1 + "/@@akte-zip",
        m1 + "/@@akte-zip?uid:list=" + akte["docs"]["klage"].UID(),
        doc,
        doc + "/@@akte-datei",
        doc + "/@@akte-datei?inline=1",
        doc + "/@@download/file",
        akte["mandant_a"].absolute_url(),
        akte["mandant_a"].absolute_url() + "/@@akte-mandant",
    ):
        response = page.goto(url) if "zip" not in url and "datei" not in url else None
        if response is None:
            reply = page.request.get(url)
            assert reply.status != 200 or reply.body()[:2] != b"PK", url
            assert b"%PDF" not in reply.body(), url
            text = reply.text()
        else:
            assert denied(page, response), url
            text = page.content()
        for secret in A_SECRETS:
            assert secret not in text, (url, secret)
    # Writing into A's mandate is refused and changes nothing.
    transaction.begin()
    before = sorted(akte["m1"].objectIds())
    for view, fields in (
        (
            "@@akte-hochladen",
            {
                "datei": {
                    "name": "x.pdf",
                    "mimeType": "application/pdf",
                    "buffer": b"%PDF",
                }
            },
        ),
        ("@@akte-nachricht-senden", {"betreff": "x", "text": "y"}),
    ):
        reply = page.request.post(
            f"{m1}/{view}",
            multipart={"_authenticator": token, **fields},
            headers={"Accept": "application/json"},
        )
        # Refused by Plone: an error status, or its no-access page (never a 500).
        assert reply.status in (401, 403, 404) or (
            reply.status == 200 and "insufficient-privileges" in reply.url
        ), (view, reply.status, reply.url)
    transaction.begin()
    assert sorted(akte["m1"].objectIds()) == before
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(akte["m1"].getPhysicalPath())
    assert not catalog.unrestrictedSearchResults(path=path, Creator="mandant-b")
    # A document of A cannot be smuggled into B's own message as an attachment.
    reply = page.request.post(
        akte["mb"].absolute_url() + "/@@akte-nachricht-senden",
        multipart={
            "_authenticator": token,
            "betreff": "Anhang?",
            "text": "Versuch",
            "dokument_uid:list": akte["docs"]["klage"].UID(),
        },
        headers={"Accept": "application/json"},
    )
    assert reply.status == 200
    transaction.begin()
    (message,) = api.content.find(context=akte["mb"], portal_type="Nachricht")
    assert message.getObject().attachments == []
    # B's own pages and searches show nothing of A.
    for url in (
        base_url + "/@@meine-akte?alle=1",
        base_url + "/@@meine-akte?alle=1&q=101",
        base_url + "/@@meine-daten",
    ):
        page.goto(url)
        for secret in A_SECRETS:
            assert secret not in page.content(), (url, secret)
    # Plone's search echoes the words searched for, but finds nothing of A.
    for word in ("Mietsache", "Klageschrift", "Anna"):
        page.goto(base_url + "/@@search?SearchableText=" + word)
        assert akte["mandant_a"].absolute_url() not in page.content()
        assert "Antwort Gegner" not in page.content()
    reply = page.request.get(base_url + "/@@meine-daten-herunterladen")
    assert reply.body()[:2] == b"PK"
    for secret in ("101/26", "Anna Alpha", "klage"):
        assert secret.encode() not in reply.body()


def test_phone_viewport(akte, base_url, chromium, screenshots):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    login(page, base_url, "mandant-a", PASSWORD)
    for url in (
        base_url + "/@@meine-akte",
        akte["m1"].absolute_url() + "/@@akte-mandat",
        base_url + "/@@meine-daten",
    ):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (url, width)
    page.goto(akte["m1"].absolute_url() + "/@@akte-mandat")
    page.screenshot(path=str(screenshots / "akte-telefon.png"), full_page=True)
    assert page.get_by_role("button", name="Hochladen").is_visible()
    assert page.get_by_role("link", name="Alle herunterladen").is_visible()
    # Keyboard: the document links are reachable by Tab.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "INPUT", "BUTTON")
    context.close()
