"""What a client may do in their own mandates, and nothing in anyone else's."""

from AccessControl import Unauthorized
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from plone.namedfile.file import NamedBlobFile
from tests.permissions.conftest import acting_as

import pytest
import requests
import transaction


PASSWORD = "Mandanten-Test-Passwort-2026"


def upload(mandat, title="Mein Beleg"):
    return api.content.create(
        container=mandat,
        type="Dokument",
        title=title,
        file=NamedBlobFile(data=b"%PDF-1.4 x", filename="beleg.pdf"),
    )


def test_client_adds_to_own_open_mandate_only(world):
    with acting_as("clienta"):
        doc = upload(world["Mandat offen"])
        message = api.content.create(
            container=world["Mandat offen"],
            type="Nachricht",
            title="Frage",
            text="Wann?",
        )
        for name in ("Mandat abgeschlossen", "Mandat archiviert", "Mandat B"):
            with pytest.raises(Unauthorized):
                upload(world[name])
            with pytest.raises(Unauthorized):
                api.content.create(
                    container=world[name], type="Nachricht", title="X", text="Y"
                )
    assert doc.direction == "mandant"
    assert doc.added_by == "clienta"
    assert api.content.get_state(doc) == "freigegeben"
    assert message.direction == "mandant"
    assert message.author == "clienta"


def test_client_upload_is_theirs_but_not_editable(world):
    with acting_as("clienta"):
        doc = upload(world["Mandat offen"])
        assert api.user.has_permission("View", obj=doc)
        assert not api.user.has_permission("Modify portal content", obj=doc)
        assert not api.user.has_permission("Delete objects", obj=doc)
        assert not api.user.has_permission("Review portal content", obj=doc)
        with pytest.raises(Unauthorized):
            world["Mandat offen"].restrictedTraverse("manage_delObjects")([doc.getId()])
    with acting_as("clientb"):
        assert not api.user.has_permission("View", obj=doc)


def test_client_cannot_see_internal_documents(world):
    with acting_as("clienta"):
        titles = {b.Title for b in api.content.find(portal_type="Dokument")}
        assert titles == {"Klage", "Urteil", "Mein Scan"}  # Mein Scan: own upload
        with pytest.raises(Unauthorized):
            world["Dokument intern"].restrictedTraverse("@@download")


def test_download_over_http(functional, base_url):
    portal = functional["portal"]
    _, mandat_a = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    make_client(portal, "Bert B", "B-1", "2/26", userid="clientb")
    doc = add_document(mandat_a, title="Klage", data=b"%PDF-1.4 geheim")
    transaction.commit()
    url = (
        doc.absolute_url().replace("http://nohost/plone", base_url) + "/@@download/file"
    )

    def get(user):
        session = requests.Session()
        if user:
            session.auth = (user, PASSWORD)
        return session.get(url, allow_redirects=False)

    own = get("clienta")
    assert own.status_code == 200
    assert own.content == b"%PDF-1.4 geheim"
    for user in ("clientb", None):
        response = get(user)
        assert response.status_code in (302, 401, 403), user
        if response.status_code == 302:
            assert (
                "login" in response.headers["Location"]
                or "insufficient" in (response.headers["Location"])
            )
        assert b"geheim" not in response.content
