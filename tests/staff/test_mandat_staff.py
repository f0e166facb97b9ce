"""Staff pages of a mandate: documents, several at once, release, withhold, close."""

from datetime import date
from datetime import timedelta
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from tests.staff.conftest import browser_for
from tests.staff.conftest import CLIENT_PASSWORD

import pytest
import re
import requests
import transaction


@pytest.fixture
def akte(functional, staff):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    make_client(portal, "Bert B", "B-1", "2/26", userid="clientb")
    old = add_document(mandat, title="Altes Schreiben")
    old.document_date = date.today() - timedelta(days=30)
    old.reindexObject()
    new = add_document(mandat, title="Neue Klage")
    transaction.commit()
    return {
        "portal": portal,
        "mandant": mandant,
        "mandat": mandat,
        "old": old,
        "new": new,
    }


def upload(base_url, mandat, files, **fields):
    """POST the multi-upload form like a browser (several files in one field)."""
    session = requests.Session()
    session.auth = ("anwalt", "Kanzlei-Test-Passwort-2026")
    url = mandat.absolute_url().replace("http://nohost/plone", base_url)
    form = session.get(url + "/@@dokumente-hinzufuegen")
    assert form.status_code == 200
    token = re.search(r'name="_authenticator" value="([^"]+)"', form.text).group(1)
    data = {"_authenticator": token, "form.submitted": "1", "form.save": "Hochladen"}
    data.update(fields)
    return session.post(
        url + "/@@dokumente-hinzufuegen",
        data=data,
        files=[("files:list", f) for f in files],
    )


def docs(mandat):
    return {o.title: o for o in mandat.objectValues() if o.portal_type == "Dokument"}


def test_staff_view_lists_documents_newest_first(akte, staff_browser):
    staff_browser.open(akte["mandat"].absolute_url())
    html = staff_browser.contents
    assert "Dokumente hinzufügen" in html
    assert html.index("Neue Klage") < html.index("Altes Schreiben")
    table = html[html.index("akte-documents") :]
    assert (
        "Schriftsatz" in table and "freigegeben" in table and "von der Kanzlei" in table
    )
    assert date.today().strftime("%d.%m.%Y") in table


def test_add_several_documents_at_once(akte, staff_browser, base_url):
    mandat = akte["mandat"]
    staff_browser.open(mandat.absolute_url())
    staff_browser.getLink(id="akte-add-documents").click()
    assert staff_browser.getControl(name="files:list")
    # also in the "Aktionen" menu of the mandate
    staff_browser.open(mandat.absolute_url())
    staff_browser.getLink(
        id="plone-contentmenu-actions-akte_dokumente_hinzufuegen"
    ).click()
    assert "/@@dokumente-hinzufuegen" in staff_browser.url
    response = upload(
        base_url,
        mandat,
        [
            ("eins.pdf", b"%PDF-1.4 eins", "application/pdf"),
            ("zwei.txt", b"zwei", "text/plain"),
        ],
        category="Rechnung",
        document_date="01.02.2026",
        state="intern",
    )
    assert "2 Dokument(e) hinzugefügt." in response.text
    transaction.begin()
    added = {t: d for t, d in docs(mandat).items() if t in ("eins.pdf", "zwei.txt")}
    assert set(added) == {"eins.pdf", "zwei.txt"}
    for doc in added.values():
        assert api.content.get_state(doc) == "intern"
        assert doc.category == "Rechnung"
        assert doc.document_date == date(2026, 2, 1)
        assert doc.added_by == "anwalt"
        assert doc.direction == "kanzlei"
        # never released on the way (no notification for an internal document)
        history = doc.workflow_history["akte_dokument_workflow"]
        assert [h["review_state"] for h in history] == ["intern"]
    assert added["eins.pdf"].file.data == b"%PDF-1.4 eins"


def test_add_documents_released_now(akte, base_url):
    mandat = akte["mandat"]
    api.portal.set_registry_record("kanzlei.akte.document_default_state", "intern")
    transaction.commit()
    upload(
        base_url, mandat, [("frei.pdf", b"x", "application/pdf")], state="freigegeben"
    )
    transaction.begin()
    assert api.content.get_state(docs(mandat)["frei.pdf"]) == "freigegeben"


def test_add_documents_bad_input_stores_nothing(akte, staff_browser, base_url):
    mandat = akte["mandat"]
    before = set(docs(mandat))
    staff_browser.open(mandat.absolute_url() + "/@@dokumente-hinzufuegen")
    staff_browser.getControl(name="document_date").value = "31.02.20x6"
    staff_browser.getControl(name="form.save").click()
    html = staff_browser.contents
    assert "Bitte wählen Sie mindestens eine Datei aus." in html
    assert "Bitte ein Datum wie 31.12.2026 angeben." in html
    assert staff_browser.getControl(name="document_date").value == "31.02.20x6"
    response = upload(
        base_url,
        mandat,
        [("a.pdf", b"x", "application/pdf")],
        document_date="31.02.2026",
        state="freigegeben",
    )
    assert response.status_code == 200
    assert "Bitte ein Datum wie 31.12.2026 angeben." in response.text
    transaction.begin()
    assert set(docs(mandat)) == before


def test_bulk_withdraw_and_release(akte, staff_browser):
    mandat, old, new = akte["mandat"], akte["old"], akte["new"]
    staff_browser.open(mandat.absolute_url())
    staff_browser.getControl(name="uids:list").value = [old.UID(), new.UID()]
    staff_browser.getControl("Auswahl zurückziehen (intern)").click()
    assert "2 Dokument(e) zurückgezogen (intern)." in staff_browser.contents
    transaction.begin()
    assert api.content.get_state(old) == "intern" == api.content.get_state(new)
    staff_browser.getControl(name="uids:list").value = [new.UID()]
    staff_browser.getControl("Auswahl freigeben").click()
    assert "1 Dokument(e) freigegeben." in staff_browser.contents
    transaction.begin()
    assert api.content.get_state(new) == "freigegeben"
    assert api.content.get_state(old) == "intern"


def test_release_and_withhold_via_workflow_menu(akte, staff_browser):
    doc = akte["new"]
    staff_browser.open(doc.absolute_url())
    link = staff_browser.getLink(url="workflow_action=zurueckziehen")
    link.click()
    transaction.begin()
    assert api.content.get_state(doc) == "intern"
    staff_browser.open(doc.absolute_url())
    staff_browser.getLink(url="workflow_action=freigeben").click()
    transaction.begin()
    assert api.content.get_state(doc) == "freigegeben"


def test_close_and_reopen(akte, staff_browser):
    mandat = akte["mandat"]
    staff_browser.open(mandat.absolute_url())
    staff_browser.getControl("Mandat abschließen").click()
    assert "Das Mandat ist abgeschlossen." in staff_browser.contents
    transaction.begin()
    assert api.content.get_state(mandat) == "abgeschlossen"
    assert mandat.closed == date.today()
    staff_browser.getControl("Mandat wieder öffnen").click()
    transaction.begin()
    assert api.content.get_state(mandat) == "offen"
    assert mandat.closed is None


def test_post_without_authenticator_changes_nothing(akte, functional):
    browser = browser_for(functional["app"], "anwalt", "Kanzlei-Test-Passwort-2026")
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.post(
        akte["mandat"].absolute_url() + "/@@mandat-staff", "akte_action=abschliessen"
    )
    transaction.begin()
    assert api.content.get_state(akte["mandat"]) == "offen"


@pytest.mark.parametrize("userid", ["clienta", "clientb"])
def test_clients_never_get_staff_pages(akte, functional, userid):
    browser = browser_for(functional["app"], userid, CLIENT_PASSWORD)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    mandat = akte["mandat"]
    for name in ("@@mandat-staff", "@@dokumente-hinzufuegen"):
        browser.open(f"{mandat.absolute_url()}/{name}")
        assert "Dokumente hinzufügen" not in browser.contents
        assert "Auswahl freigeben" not in browser.contents
        assert browser.headers["status"].startswith(("401", "403")) or (
            "/login" in browser.url or "insufficient-privileges" in browser.url
        )
    browser.open(akte["mandant"].absolute_url() + "/@@mandant-staff")
    assert "Zugänge zur Online-Akte" not in browser.contents
    # the default view: the client page (or "nicht verfügbar"), never the staff page
    browser.open(mandat.absolute_url())
    assert "Auswahl freigeben" not in browser.contents
    assert "akte-documents" not in browser.contents
    if userid == "clientb":
        assert "Neue Klage" not in browser.contents
        assert "1/26" not in browser.contents
        assert "Anna A" not in browser.contents


def test_single_document_form_requires_a_file(akte, staff_browser):
    mandat = akte["mandat"]
    before = set(docs(mandat))
    staff_browser.open(mandat.absolute_url() + "/++add++Dokument")
    staff_browser.getControl(name="form.widgets.title").value = "Ohne Datei"
    staff_browser.getControl(name="form.buttons.save").click()
    assert "Bitte wählen Sie eine Datei aus." in staff_browser.contents
    assert staff_browser.getControl(name="form.widgets.title").value == "Ohne Datei"
    transaction.begin()
    assert set(docs(mandat)) == before
