"""A mandate: documents newest first, "neu", filters, preview, ZIP (selection, all)."""

from .helpers import login
from .helpers import PASSWORD
from .helpers import zip_names
from .helpers import zip_read
from pathlib import Path


def titles(page):
    return [
        t.strip()
        for t in page.locator(
            ".akte-docs .akte-doc-title > a:not(.akte-preview)"
        ).all_inner_texts()
    ]


def test_documents_filters_preview_and_zips(akte, base_url, page, screenshots):
    login(page, base_url, "mandant-a", PASSWORD)
    mandat_url = akte["m1"].absolute_url()
    page.goto(mandat_url)  # the default view dispatches clients to @@akte-mandat
    assert titles(page) == [
        "Antwort Gegner",
        "Klageschrift",
        "Foto Schaden",
        "Webseite",
    ]
    assert page.locator(".akte-docs tr.akte-new").count() == 4
    row = page.locator(".akte-docs tbody tr", has_text="Klageschrift")
    for text in ("01.03.2026", "Schriftsatz", "von der Kanzlei", "PDF", "14 B"):
        assert text in row.inner_text()
    page.screenshot(path=str(screenshots / "akte.png"), full_page=True)

    # Filters: category, direction, text in titles.
    page.get_by_label("Kategorie").select_option("Korrespondenz")
    page.get_by_role("button", name="Filtern").click()
    assert titles(page) == ["Antwort Gegner"]
    page.goto(mandat_url + "/@@akte-mandat?richtung=mandant")
    assert titles(page) == []
    assert "Keine Dokumente gefunden." in page.inner_text("body")
    page.goto(mandat_url + "/@@akte-mandat?q=KLAGE")
    assert titles(page) == ["Klageschrift"]

    # Select two → ZIP with unique names (both files are called klage.pdf).
    page.goto(mandat_url + "/@@akte-mandat")
    page.get_by_role("checkbox", name="Klageschrift").check()
    page.get_by_role("checkbox", name="Antwort Gegner").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Auswahl herunterladen (ZIP)").click()
    body = Path(download.value.path()).read_bytes()
    assert zip_names(body) == ["klage (2).pdf", "klage.pdf"]
    assert zip_read(body, "klage.pdf") == b"%PDF-1.4 antwort"
    assert zip_read(body, "klage (2).pdf") == b"%PDF-1.4 klage"
    assert download.value.suggested_filename == "Akte 101_26.zip"

    # Opened documents are no longer "neu" (kept per user, across sessions).
    page.reload()
    assert page.locator(".akte-docs tr.akte-new").count() == 2
    assert "Klageschrift" not in " ".join(
        page.locator(".akte-docs tr.akte-new").all_inner_texts()
    )

    # Preview inline only for safe types; anything else is an attachment, nosniff.
    page.goto(mandat_url + "/@@akte-mandat")
    foto = page.locator(".akte-docs tbody tr", has_text="Foto Schaden")
    preview = page.request.get(foto.locator("a.akte-preview").get_attribute("href"))
    assert preview.headers["content-type"] == "image/png"
    assert preview.headers["content-disposition"].startswith("inline")
    assert preview.headers["x-content-type-options"] == "nosniff"
    webseite = page.locator(".akte-docs tbody tr", has_text="Webseite")
    assert webseite.locator("a.akte-preview").count() == 0
    html_url = webseite.locator(".akte-doc-title > a:not(.akte-preview)").get_attribute(
        "href"
    )
    unsafe = page.request.get(html_url + "?inline=1")
    assert unsafe.headers["content-type"] == "application/octet-stream"
    assert unsafe.headers["content-disposition"].startswith("attachment")
    assert unsafe.headers["x-content-type-options"] == "nosniff"

    page.goto(mandat_url + "/@@akte-mandat")
    assert page.locator(".akte-docs tr.akte-new").count() == 0

    # "Alle herunterladen" → everything of this mandate.
    with page.expect_download() as download:
        page.get_by_role("link", name="Alle herunterladen").click()
    body = Path(download.value.path()).read_bytes()
    assert zip_names(body) == [
        "klage (2).pdf",
        "klage.pdf",
        "schaden.png",
        "seite.html",
    ]
    page.reload()
    assert page.locator(".akte-docs tr.akte-new").count() == 0

    # Nothing selected: a German hint, no empty ZIP.
    page.get_by_role("button", name="Auswahl herunterladen (ZIP)").click()
    page.wait_for_load_state()
    assert "Bitte wählen Sie mindestens ein Dokument aus." in page.inner_text("body")

    # Client B's ZIP is not reachable for A: neither B's mandate's ZIP nor B's
    # document smuggled into a selection of A's own mandate; never listed either.
    assert "Geheimes Gutachten B" not in page.content()
    reply = page.request.get(akte["mb"].absolute_url() + "/@@akte-zip")
    assert reply.status in (401, 403, 404) or (
        reply.status == 200 and "insufficient-privileges" in reply.url
    ), (reply.status, reply.url)
    assert reply.body()[:2] != b"PK"
    reply = page.request.get(mandat_url + "/@@akte-zip?uid:list=" + akte["doc_b"].UID())
    assert b"gutachten-b" not in reply.body()
    if reply.body()[:2] == b"PK":
        assert zip_names(reply.body()) == []


def test_closed_mandate_is_read_only_and_zip_is_streamed(akte, base_url, page):
    login(page, base_url, "mandant-a", PASSWORD)
    closed_url = akte["m3"].absolute_url()
    page.goto(closed_url + "/@@akte-mandat")
    assert "abgeschlossen (nur lesen)" in page.inner_text("body")
    assert page.locator("form.akte-upload").count() == 0
    assert page.locator("form.akte-message-form").count() == 0
    page.goto(akte["m1"].absolute_url() + "/@@akte-mandat")
    token = page.locator("form.akte-upload input[name='_authenticator']").input_value()
    reply = page.request.post(
        closed_url + "/@@akte-hochladen",
        headers={"Accept": "application/json"},
        multipart={
            "_authenticator": token,
            "datei": {
                "name": "spaet.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF",
            },
        },
    )
    assert reply.status == 403
    assert "keine Dokumente mehr hochgeladen" in reply.json()["message"]

    # The ZIP goes out as a stream: no Content-Length, built while sending.
    reply = page.request.get(akte["m1"].absolute_url() + "/@@akte-zip")
    assert reply.headers["content-type"] == "application/zip"
    assert "content-length" not in reply.headers
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert len(zip_names(reply.body())) == 4
