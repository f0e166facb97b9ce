"""Upload with progress, refusals, retry; messages both ways; the staff read status."""

from .helpers import login
from .helpers import PASSWORD
from .helpers import STAFF_PASSWORD
from kanzlei.akte import settings
from plone import api

import json
import transaction


def docs_in(mandat):
    transaction.begin()
    return sorted(
        b.Title for b in api.content.find(context=mandat, portal_type="Dokument")
    )


def test_upload_progress_limits_retry_and_comment(akte, base_url, page):
    settings.set("max_upload_mb", 1)
    transaction.commit()
    before = docs_in(akte["m1"])
    login(page, base_url, "mandant-a", PASSWORD)
    page.goto(akte["m1"].absolute_url() + "/@@akte-mandat")
    limits = page.locator("#akte-upload-limits").inner_text()
    assert "Höchstens 1 MB je Datei" in limits and "pdf" in limits

    page.get_by_label("Dateien auswählen oder hierher ziehen").set_input_files(
        [
            {
                "name": "Vertrag.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 " + b"v" * 600_000,
            },
            {"name": "notiz.txt", "mimeType": "text/plain", "buffer": b"Hallo Kanzlei"},
            {
                "name": "zu-gross.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 " + b"x" * 1_100_000,
            },
            {
                "name": "programm.exe",
                "mimeType": "application/octet-stream",
                "buffer": b"MZ",
            },
        ]
    )
    page.get_by_label("Kommentar (freiwillig)").fill("Bitte prüfen Sie den Vertrag.")
    page.get_by_role("button", name="Hochladen").click()
    page.wait_for_selector(".akte-upload-list li.akte-done >> nth=1")
    done = page.locator(".akte-upload-list li.akte-done")
    assert done.count() == 2
    for i in range(2):
        assert done.nth(i).locator("progress").evaluate("p => p.value") == 100
        assert "100 % – hochgeladen" in done.nth(i).inner_text()
    refused = page.locator(".akte-upload-list li.akte-refused")
    assert "größer als 1 MB" in refused.filter(has_text="zu-gross.pdf").inner_text()
    assert "nicht erlaubt" in refused.filter(has_text="programm.exe").inner_text()

    # Refused files left nothing behind, the good ones are there.
    assert docs_in(akte["m1"]) == sorted(before + ["Vertrag.pdf", "notiz.txt"])

    # The server enforces the limit too (a script bypassing the page's check).
    token = page.locator("form.akte-upload input[name='_authenticator']").input_value()
    response = page.request.post(
        akte["m1"].absolute_url() + "/@@akte-hochladen",
        headers={"Accept": "application/json"},
        multipart={
            "_authenticator": token,
            "datei": {
                "name": "gross.pdf",
                "mimeType": "application/pdf",
                "buffer": b"x" * 1_100_000,
            },
        },
    )
    assert response.status == 400
    assert "größer als 1 MB" in json.loads(response.text())["message"]
    response = page.request.post(
        akte["m1"].absolute_url() + "/@@akte-hochladen",
        headers={"Accept": "application/json"},
        multipart={
            "datei": {"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF"}
        },
    )
    assert response.status != 200  # no CSRF token, no upload
    assert docs_in(akte["m1"]) == sorted(before + ["Vertrag.pdf", "notiz.txt"])

    # A failed upload (network error) can simply be retried.
    page.route("**/@@akte-hochladen", lambda route: route.abort())
    page.get_by_label("Dateien auswählen oder hierher ziehen").set_input_files(
        [
            {
                "name": "nachtrag.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 n",
            }
        ]
    )
    page.get_by_role("button", name="Hochladen").click()
    retry = page.get_by_role("button", name="Erneut versuchen")
    retry.wait_for()
    assert "fehlgeschlagen" in page.locator("li", has_text="nachtrag.pdf").inner_text()
    page.unroute("**/@@akte-hochladen")
    retry.click()
    page.wait_for_selector(".akte-upload-list li.akte-done:has-text('nachtrag.pdf')")

    # Drag and drop onto the drop zone.
    data_transfer = page.evaluate_handle(
        """() => { const dt = new DataTransfer();
        dt.items.add(new File(["Foto"], "gezogen.png", {type: "image/png"}));
        return dt; }"""
    )
    page.dispatch_event(".akte-dropzone", "drop", {"dataTransfer": data_transfer})
    page.wait_for_selector(".akte-upload-list li.akte-done:has-text('gezogen.png')")

    page.reload()
    row = page.locator(".akte-docs tbody tr", has_text="Vertrag.pdf")
    assert "von Ihnen hochgeladen" in row.inner_text()
    assert row.locator(".akte-badge").count() == 0  # own uploads are never "neu"
    thread = page.locator("#nachrichten")
    assert "Kommentar zu hochgeladenen Dokumenten" in thread.inner_text()
    assert "Bitte prüfen Sie den Vertrag." in thread.inner_text()
    assert "Vertrag.pdf" in thread.locator(".akte-attachments").inner_text()
    # The client cannot delete their upload.
    transaction.begin()
    (doc,) = api.content.find(
        context=akte["m1"], portal_type="Dokument", Title="Vertrag"
    )
    response = page.request.get(doc.getURL() + "/delete_confirmation")
    assert "insufficient-privileges" in response.url or response.status in (401, 403)


def test_messages_both_ways_and_staff_read_status(akte, base_url, page, chromium):
    login(page, base_url, "mandant-a", PASSWORD)
    mandat_url = akte["m1"].absolute_url()
    page.goto(mandat_url + "/@@akte-mandat")
    page.locator(".akte-docs tbody tr", has_text="Klageschrift").locator(
        ".akte-doc-title > a:not(.akte-preview)"
    ).click(modifiers=[])
    page.goto(mandat_url + "/@@akte-mandat")

    # Bad input: German message, what was typed is kept, nothing is sent.
    page.get_by_label("Betreff").fill("   ")
    page.get_by_label("Nachricht", exact=True).fill("Mein Text bleibt erhalten.")
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_load_state()
    assert "Bitte geben Sie einen Betreff ein." in page.inner_text("body")
    assert (
        page.get_by_label("Nachricht", exact=True).input_value()
        == "Mein Text bleibt erhalten."
    )

    page.get_by_label("Betreff").fill("Frage zum Termin")
    page.get_by_label("Anhänge (freiwillig)").set_input_files(
        [{"name": "ladung.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 l"}]
    )
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_load_state()
    assert "Ihre Nachricht wurde gesendet." in page.inner_text("body")
    message = page.locator(".akte-msg", has_text="Frage zum Termin")
    assert "Mein Text bleibt erhalten." in message.inner_text()
    assert "ladung.pdf" in message.locator(".akte-attachments").inner_text()
    assert message.locator(".akte-badge").count() == 0

    # Staff: the read status and the new message on their side of the mandate.
    staff_context = chromium.new_context(locale="de-DE")
    staff = staff_context.new_page()
    login(staff, base_url, "anwalt", STAFF_PASSWORD)
    staff.goto(mandat_url)
    status = staff.locator("#akte-lesestatus")
    assert "1 neue Nachricht(en) vom Mandanten" in status.inner_text()
    status.locator("summary").first.click()
    klage = status.locator("tr", has_text="Klageschrift")
    assert "noch nicht geöffnet" not in klage.inner_text()
    assert (
        "noch nicht geöffnet"
        in status.locator("tr", has_text="Antwort Gegner").inner_text()
    )
    assert "1 von 4 Dokumenten geöffnet" in status.inner_text()
    assert (
        "ladung.pdf" in status.locator("table", has_text="Hochgeladen am").inner_text()
    )

    status.get_by_role(
        "link", name="Nachrichten der Akte lesen und beantworten"
    ).click()
    staff_msg = staff.locator(".akte-msg", has_text="Frage zum Termin")
    assert staff_msg.locator(".akte-badge").inner_text() == "neu"
    staff.get_by_label("Betreff").fill("Re: Frage zum Termin")
    staff.get_by_label("Nachricht", exact=True).fill("Der Termin ist am Montag.")
    staff.get_by_role("button", name="Nachricht senden").click()
    staff.wait_for_load_state()
    assert "Ihre Nachricht wurde gesendet." in staff.inner_text("body")
    staff.goto(mandat_url)
    assert "neue Nachricht" not in staff.locator("#akte-lesestatus").inner_text()
    staff_context.close()

    page.goto(mandat_url + "/@@akte-mandat")
    answer = page.locator(".akte-msg", has_text="Re: Frage zum Termin")
    assert "Der Termin ist am Montag." in answer.inner_text()
    assert "Dr. Anna Anwalt" in answer.inner_text()
    assert answer.locator(".akte-badge").inner_text() == "neu"
    page.reload()
    assert page.locator(".akte-msg .akte-badge").count() == 0
