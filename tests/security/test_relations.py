"""Issue 11, 1.3: relations show only documents the viewer may see.

Client A's message attaches an upload that staff withdrew afterwards; a staff
message attaches an internal document. Neither title nor UID nor URL of those
documents may reach the client: not through ``GET <nachricht>``, a search with
full objects, ``@relations``, the classic view or the "Meine Daten" export.
"""

from kanzlei.akte.security.relations import viewable_targets
from tests.client.helpers import zip_read
from tests.permissions.conftest import acting_as
from tests.security.conftest import json_get

import json
import pytest


MESSAGES = ["client_message", "staff_message"]


def hidden(firm):
    """What client A must not learn: the withdrawn upload and the internal document."""
    return [
        value
        for key in ("upload", "internal")
        for value in (
            firm[key].Title(),
            firm[key].UID(),
            firm[key].getId(),
        )
    ]


def assert_hidden(firm, text):
    for secret in hidden(firm):
        assert secret not in text, secret


@pytest.mark.parametrize("message", MESSAGES)
def test_rest_message_lists_only_viewable_attachments(client_a, firm, message):
    response = json_get(client_a, firm[message].absolute_url())
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["attachments"]]
    assert titles == ["Klageschrift A"]
    assert_hidden(firm, response.text)


def test_rest_message_expanded(client_a, firm):
    url = firm["client_message"].absolute_url()
    response = json_get(
        client_a, url, expand="workflow,actions,breadcrumbs,navigation,types"
    )
    assert response.status_code == 200
    assert_hidden(firm, response.text)


def test_search_with_full_objects(client_a, firm):
    response = json_get(
        client_a,
        firm["mandat_a"].absolute_url() + "/@search",
        portal_type="Nachricht",
        fullobjects=1,
    )
    assert response.status_code == 200
    assert response.json()["items_total"] == 2
    assert_hidden(firm, response.text)


@pytest.mark.parametrize("message", MESSAGES)
def test_relations_endpoint(client_a, firm, base_url, message):
    response = json_get(client_a, f"{base_url}/@relations", source=firm[message].UID())
    assert_hidden(firm, response.text)


@pytest.mark.parametrize("message", MESSAGES)
def test_classic_view(client_a, firm, message):
    response = client_a.get(firm[message].absolute_url() + "/view")
    assert_hidden(firm, response.text)


def test_meine_daten_export(client_a, firm, base_url):
    response = client_a.get(f"{base_url}/@@meine-daten-herunterladen")
    assert response.status_code == 200
    data = json.loads(zip_read(response.content, "meine-daten.json"))
    (mandant,) = data["mandanten"]
    messages = {
        message["betreff"]: message["anhaenge"]
        for mandat in mandant["mandate"]
        for message in mandat["nachrichten"]
    }
    assert messages == {
        "Meine Unterlagen": ["Klageschrift A"],
        "Unser Schreiben": ["Klageschrift A"],
    }
    assert_hidden(firm, json.dumps(data, ensure_ascii=False))


def test_staff_see_every_attachment(staff, firm):
    titles = {
        message: [
            item["title"]
            for item in json_get(staff, firm[message].absolute_url()).json()[
                "attachments"
            ]
        ]
        for message in MESSAGES
    }
    assert titles == {
        "client_message": ["Upload GEHEIM-ZURUECKGEZOGEN", "Klageschrift A"],
        "staff_message": ["Vermerk INTERN-AKTENNOTIZ", "Klageschrift A"],
    }


def test_viewable_targets_follow_the_viewer(firm):
    message = firm["staff_message"]
    with acting_as("mandant-a"):
        assert [d.Title() for d in viewable_targets(message.attachments)] == [
            "Klageschrift A"
        ]
    with acting_as("mandant-b"):
        assert viewable_targets(message.attachments) == []
    with acting_as("anwalt"):
        assert len(viewable_targets(message.attachments)) == 2
