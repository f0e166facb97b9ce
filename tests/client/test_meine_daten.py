"""'Meine Daten': stored data, account, GDPR download (ZIP), correction request."""

from .helpers import login
from .helpers import PASSWORD
from .helpers import zip_names
from .helpers import zip_read
from kanzlei.akte.mail.preferences import get_preference
from pathlib import Path
from plone import api

import json
import transaction


def test_meine_daten_shows_exports_and_requests_correction(akte, base_url, page):
    login(page, base_url, "mandant-a", PASSWORD)
    page.goto(base_url + "/@@meine-daten")
    body = page.inner_text("body")
    for text in (
        "Anna Alpha",
        "M-A",
        "Peter Prokurist",
        "peter@example.org",
        "mandant-a",
    ):
        assert text in body
    assert "Letzte Anmeldung" in body
    for secret in ("Bernd Beta", "M-B"):
        assert secret not in page.content()

    with page.expect_download() as download:
        page.get_by_role("link", name="Daten herunterladen").click()
    archive = Path(download.value.path()).read_bytes()
    names = zip_names(archive)
    assert names == [
        "101_26/dokumente/klage (2).pdf",
        "101_26/dokumente/klage.pdf",
        "101_26/dokumente/schaden.png",
        "101_26/dokumente/seite.html",
        "meine-daten.json",
    ]
    data = json.loads(zip_read(archive, "meine-daten.json"))
    assert data["account"]["username"] == "mandant-a"
    (mandant,) = data["mandanten"]
    assert mandant["title"] == "Anna Alpha"
    assert mandant["kontaktpersonen"][0]["name"] == "Peter Prokurist"
    numbers = sorted(m["aktenzeichen"] for m in mandant["mandate"])
    assert numbers == ["099/25", "101/26", "102/26"]
    assert "Geheim" not in json.dumps(data)

    # Correction request: a message to the firm in the chosen mandate.
    page.get_by_label("Zu welcher Akte?").select_option(
        label="102/26 – Kündigung Arbeitsvertrag"
    )
    page.get_by_role("button", name="Korrektur senden").click()
    assert "Bitte beschreiben Sie, was korrigiert werden soll." in page.inner_text(
        "body"
    )
    page.get_by_label("Was ist falsch und wie lautet es richtig?").fill(
        "Meine neue Anschrift: Neue Straße 1, 12345 Berlin"
    )
    page.get_by_role("button", name="Korrektur senden").click()
    assert "Ihre Bitte um Korrektur wurde an die Kanzlei gesendet." in page.inner_text(
        "body"
    )
    transaction.begin()
    (brain,) = api.content.find(context=akte["m2"], portal_type="Nachricht")
    message = brain.getObject()
    assert message.title == "Bitte um Korrektur meiner Daten"
    assert "Neue Straße 1" in message.text
    assert message.direction == "mandant"

    # Notifications are chosen on "Meine Daten" too, and the choice is kept.
    page.goto(base_url + "/@@meine-daten")
    settings = page.locator("#benachrichtigungen")
    settings.get_by_label("täglich").check()
    settings.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert page.url.endswith("/@@meine-daten")
    assert page.locator("#benachrichtigungen").get_by_label("täglich").is_checked()
    transaction.begin()
    assert get_preference("mandant-a")["mode"] == "taeglich"
