"""Integration checks of the client views' building blocks (no browser)."""

from kanzlei.akte import readstate
from kanzlei.akte.browser.client import landing_url
from kanzlei.akte.testing import make_client
from kanzlei.akte.zipstream import sanitize_name
from kanzlei.akte.zipstream import UniqueNames
from kanzlei.akte.zipstream import ZipStream
from plone import api

import io
import zipfile


def test_zip_names_sanitized_and_unique(tmp_path):
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 300_000)
    names = UniqueNames()
    entries = [
        (names(sanitize_name("../../etc/passwd")), str(source)),
        (names(sanitize_name("Bericht.pdf")), b"1"),
        (names(sanitize_name("bericht.PDF")), b"2"),
        (names(sanitize_name('a<b>:"c|?*.txt')), b"3"),
        (names(sanitize_name("")), b"4"),
    ]
    body = b"".join(ZipStream(entries))
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == [
        "passwd",
        "Bericht.pdf",
        "bericht (2).PDF",
        "a_b_c_.txt",
        "datei",
    ]
    assert archive.read("passwd") == b"x" * 300_000
    assert archive.testzip() is None


def test_readstate_per_user(integration):
    portal = integration["portal"]
    assert readstate.mark_opened("u1", ["uid-1", "uid-2"]) == 2
    assert readstate.mark_opened("u1", ["uid-1"]) == 0
    assert set(readstate.opened("u1")) == {"uid-1", "uid-2"}
    assert readstate.opened("u2") == {}
    assert portal is not None


def test_landing_url(integration):
    portal = integration["portal"]
    make_client(portal, "Lena", "L-1", "301/26", userid="lena")
    assert landing_url(portal, api.user.get(userid="lena")).endswith("/@@meine-akte")
    assert landing_url(portal, api.user.get_current()) == portal.absolute_url()


def test_document_list_is_paged(integration):
    from kanzlei.akte.browser.client.mandat import PAGE_SIZE
    from kanzlei.akte.testing import add_document
    from plone.app.testing import login

    portal = integration["portal"]
    request = integration["request"]
    _mandant, mandat = make_client(portal, "Paula", "P-1", "401/26", userid="paula")
    for number in range(PAGE_SIZE + 5):
        add_document(mandat, title=f"Dokument {number:03d}", filename=f"d{number}.pdf")
    login(portal, "paula")
    view = api.content.get_view("akte-mandat", mandat, request)
    view()
    assert len(view.documents) == PAGE_SIZE
    paging = view.paging()
    assert (paging["first"], paging["last"], paging["total"]) == (1, PAGE_SIZE, 105)
    assert "b_start=100" in paging["next"] and paging["prev"] is None
    request.form["b_start"] = "100"
    view = api.content.get_view("akte-mandat", mandat, request)
    view()
    assert len(view.documents) == 5
    request.form["q"] = "Dokument 10"
    request.form["b_start"] = "0"
    view = api.content.get_view("akte-mandat", mandat, request)
    view()
    assert sorted(d["title"] for d in view.documents) == [
        f"Dokument {n}" for n in range(100, 105)
    ]
    assert view.paging() is None


def test_client_pages_in_english(functional, base_url, chromium):
    """German first; with the site's request negotiation on, English comes second."""
    from .helpers import login
    from .helpers import PASSWORD

    import transaction

    portal = functional["portal"]
    make_client(portal, "Emma", "E-1", "501/26", userid="emma")
    api.portal.set_registry_record("plone.available_languages", ["de", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    context = chromium.new_context(
        locale="en-US", extra_http_headers={"Accept-Language": "en"}
    )
    page = context.new_page()
    login(page, base_url, "emma", PASSWORD)
    page.goto(base_url + "/@@meine-daten")
    text = page.inner_text("body")
    assert (
        "My data" in text and "Download data" in text and "Request a correction" in text
    )
    context.close()
