"""Unticking "Online-Akte" on a client ends the client's access at once, also in
catalog search, whichever way staff change it (edit form or REST)."""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.client.helpers import login
from tests.client.helpers import STAFF_PASSWORD

import requests
import transaction


def _documents_found(userid):
    with api.env.adopt_user(username=userid):
        return len(api.content.find(portal_type="Dokument"))


def _client_search(base_url, userid):
    client = requests.Session()
    client.auth = (userid, "Mandanten-Test-Passwort-2026")
    client.headers["Accept"] = "application/json"
    return lambda: client.get(base_url + "/@search?portal_type=Dokument")


def test_edit_form_ends_access(functional, base_url, chromium):
    """Staff untick "Online-Akte" in the Mandant's real edit form and save."""
    portal = functional["portal"]
    make_staff("anwalt")
    mandant, mandat = make_client(portal, "Anna A", "9001", "91/26", userid="anna")
    add_document(mandat)
    transaction.commit()
    search = _client_search(base_url, "anna")
    assert search().json()["items_total"] == 1
    context = chromium.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, base_url, "anwalt", STAFF_PASSWORD)
    page.goto(mandant.absolute_url().replace("http://nohost/plone", base_url) + "/edit")
    checkbox = page.get_by_label("Online-Akte", exact=True)
    assert checkbox.is_checked()
    checkbox.uncheck()
    page.get_by_role("button", name="Sichern").click()
    page.wait_for_load_state()
    assert "/edit" not in page.url
    context.close()
    transaction.begin()
    assert mandant.online_access is False
    assert _documents_found("anna") == 0
    answer = search()
    assert answer.status_code == 401 or answer.json()["items_total"] == 0


def test_rest_patch_ends_access(functional, base_url):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Berta B", "9002", "92/26", userid="berta")
    add_document(mandat)
    transaction.commit()
    search = _client_search(base_url, "berta")
    assert search().json()["items_total"] == 1
    response = requests.patch(
        mandant.absolute_url().replace("http://nohost/plone", base_url),
        json={"online_access": False},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 204
    answer = search()
    assert answer.status_code == 401 or answer.json()["items_total"] == 0
