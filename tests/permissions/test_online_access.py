"""Unticking "Online-Akte" on a client ends the client's access at once, also in
catalog search, whichever way staff change it (edit form or REST)."""

from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import requests
import transaction


def _documents_found(userid):
    with api.env.adopt_user(username=userid):
        return len(api.content.find(portal_type="Dokument"))


def test_edit_form_event_ends_access(portal):
    mandant, mandat = make_client(portal, "Anna A", "9001", "91/26", userid="anna")
    add_document(mandat)
    assert _documents_found("anna") == 1
    mandant.online_access = False
    # what plone.dexterity's edit form sends after saving the field
    notify(ObjectModifiedEvent(mandant, Attributes(IMandant, "online_access")))
    assert _documents_found("anna") == 0


def test_rest_patch_ends_access(functional, base_url):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Berta B", "9002", "92/26", userid="berta")
    add_document(mandat)
    transaction.commit()
    client = requests.Session()
    client.auth = ("berta", "Mandanten-Test-Passwort-2026")
    client.headers["Accept"] = "application/json"
    search = base_url + "/@search?portal_type=Dokument"
    assert client.get(search).json()["items_total"] == 1
    response = requests.patch(
        mandant.absolute_url().replace("http://nohost/plone", base_url),
        json={"online_access": False},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 204
    answer = client.get(search)
    assert answer.status_code == 401 or answer.json()["items_total"] == 0
