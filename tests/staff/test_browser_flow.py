"""The issue's "done when" in a real browser: the demo staff user logs in, creates a
client with its first mandate in one form, adds two documents at once and closes the
mandate."""

from kanzlei.akte.demo import create_demo_content
from kanzlei.akte.demo import pdf_bytes
from plone import api

import transaction


def login(page, base_url, user, password):
    page.goto(base_url + "/login")
    form = page.locator("form:has(input[name='__ac_name'])").first
    for name, value in (("kanzlei", "KLXRechtsanwälte"), ("datenbank", "KLX")):
        field = form.locator(f"input[name='{name}']")
        if field.count() and not field.first.input_value():
            field.first.fill(value)
    form.locator("input[name='__ac_name']").fill(user)
    form.locator("input[name='__ac_password']").fill(password)
    form.locator("button[type='submit'], input[type='submit']").first.click()
    page.wait_for_function("!location.pathname.endsWith('/login')")


def test_staff_flow(functional, base_url, page, monkeypatch):
    monkeypatch.setenv("AKTE_DEMO_PASSWORD", "Demo-Passwort-2026!")
    create_demo_content(functional["portal"])
    transaction.commit()

    login(page, base_url, "anwalt", "Demo-Passwort-2026!")
    page.goto(base_url + "/mandanten/++add++Mandant")
    page.fill("input[name='form.widgets.title']", "Clara Client")
    page.fill("input[name='form.widgets.client_number']", "D-20001")
    page.fill("input[name='form.widgets.email']", "clara@example.org")
    page.get_by_text("Erstes Mandat").first.click()
    page.fill("input[name='form.widgets.mandat_title']", "Nachbarschaftsstreit")
    page.fill("input[name='form.widgets.mandat_file_number']", "301/26")
    page.click("button[name='form.buttons.save'], input[name='form.buttons.save']")
    page.wait_for_selector("text=Mandat 301/26 angelegt")
    assert page.locator("table.akte-mandates").inner_text().count("301/26") == 1

    page.click("table.akte-mandates >> text=301/26")
    page.click("#akte-add-documents")
    page.set_input_files(
        "#akte-files",
        [
            {
                "name": "klage.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("K"),
            },
            {
                "name": "anlage.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("A"),
            },
        ],
    )
    page.select_option("#akte-category", "Schriftsatz")
    page.check("#akte-state-intern")
    page.click("#akte-upload-submit")
    page.wait_for_selector("text=2 Dokument(e) hinzugefügt.")
    table = page.locator("table.akte-documents").inner_text()
    assert "klage.pdf" in table and "anlage.pdf" in table
    assert table.count("intern") == 2

    page.click("#akte-close-mandate")
    page.wait_for_selector("text=Das Mandat ist abgeschlossen.")

    transaction.begin()
    [mandat] = [b.getObject() for b in api.content.find(file_number="301/26")]
    assert api.content.get_state(mandat) == "abgeschlossen"
    assert len(mandat.objectIds()) == 2
