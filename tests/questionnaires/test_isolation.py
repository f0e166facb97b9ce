"""Client B gets nothing of client A's questionnaire: not by URL, not over REST."""

from plone import api
from tests.questionnaires.helpers import add_questionnaire
from tests.questionnaires.helpers import authenticator
from tests.questionnaires.helpers import CLIENT_PASSWORD
from tests.questionnaires.helpers import STAFF_PASSWORD
from tests.questionnaires.test_flow import denied
from tests.questionnaires.test_flow import documents
from tests.questionnaires.test_flow import session
from tests.questionnaires.test_flow import VALID

import pytest
import requests
import transaction


SECRET_TITLE = "Unfall Köln Muster"


@pytest.fixture
def forms(akte_web, functional):
    request = functional["request"]
    form_a = add_questionnaire(
        akte_web["mandat_a"], "verkehrsunfall", request, title=SECRET_TITLE
    )
    form_b = add_questionnaire(akte_web["mandat_b"], "mietrecht", request)
    transaction.commit()
    return form_a, form_b


def test_client_b_can_neither_open_nor_submit_a_questionnaire(
    akte_web, forms, base_url
):
    form_a, form_b = forms
    url_a = form_a.absolute_url()
    b = session("mandant-b", CLIENT_PASSWORD)

    own = b.get(form_b.absolute_url())
    assert own.status_code == 200 and "Mietrecht" in own.text
    token_b = authenticator(own.text)

    for url in (url_a, url_a + "/view", url_a + "/@@embedded"):
        response = b.get(url)
        assert denied(response), url
        assert SECRET_TITLE not in response.text
    for url in (url_a, url_a + "/@@embedded"):
        response = b.post(url, data={**VALID, "_authenticator": token_b})
        assert denied(response), url
    assert documents(akte_web["mandat_a"]) == {}
    assert api.content.get_state(form_a) == "offen"

    # The list snippet of A's mandate, and B's own list.
    assert denied(b.get(akte_web["mandat_a"].absolute_url() + "/@@fragebogen-liste"))
    own_list = b.get(akte_web["mandat_b"].absolute_url() + "/@@fragebogen-liste")
    assert "Mietrecht" in own_list.text and SECRET_TITLE not in own_list.text

    # REST: no object, no search hit, no count.
    b.headers["Accept"] = "application/json"
    assert b.get(url_a).status_code in (401, 403, 404)
    assert b.post(url_a, json={}).status_code in (401, 403, 404, 405)
    found = b.get(base_url + "/@search", params={"portal_type": "EasyForm"}).json()
    assert [item["@id"] for item in found["items"]] == [form_b.absolute_url()]
    assert (
        SECRET_TITLE
        not in b.get(base_url + "/@search", params={"SearchableText": "Unfall"}).text
    )


def test_anonymous_and_clients_cannot_manage_questionnaires(akte_web, forms):
    form_a, _form_b = forms
    mandat_a = akte_web["mandat_a"]
    anonymous = requests.Session()
    for url in (
        form_a.absolute_url(),
        mandat_a.absolute_url() + "/@@fragebogen-liste",
        mandat_a.absolute_url() + "/@@fragebogen-hinzufuegen",
    ):
        response = anonymous.get(url)
        assert denied(response), url
        assert SECRET_TITLE not in response.text
    a = session("mandant-a", CLIENT_PASSWORD)
    assert denied(a.get(mandat_a.absolute_url() + "/@@fragebogen-hinzufuegen"))
    # Plone's add view refuses a type the user may not add with a ValueError (500).
    add = a.get(mandat_a.absolute_url() + "/++add++EasyForm")
    assert add.status_code != 200 and "form.widgets" not in add.text
    for path in ("/@@saveddata", "/fields", "/actions", "/edit"):
        assert denied(a.get(form_a.absolute_url() + path)), path


def test_staff_add_a_questionnaire_from_a_template(akte_web):
    mandat = akte_web["mandat_a"]
    url = mandat.absolute_url() + "/@@fragebogen-hinzufuegen"
    staff = session("anwalt", STAFF_PASSWORD)
    page = staff.get(url)
    assert page.status_code == 200
    for title in ("Allgemeine Mandatsaufnahme", "Verkehrsunfall", "Mietrecht"):
        assert title in page.text

    # No template chosen: a German message, the typed title stays, nothing is added.
    response = staff.post(
        url,
        data={
            "title": "Unfall vom 20.11.",
            "form.submitted": "1",
            "_authenticator": authenticator(page.text),
        },
    )
    assert "Bitte wählen Sie eine Vorlage aus." in response.text
    assert 'value="Unfall vom 20.11."' in response.text
    transaction.begin()
    assert not api.content.find(context=mandat, portal_type="EasyForm")

    response = staff.post(
        url,
        data={
            "title": "Unfall vom 20.11.",
            "preset": "verkehrsunfall",
            "form.submitted": "1",
            "_authenticator": authenticator(page.text),
        },
    )
    assert response.status_code == 200
    assert "Unfallhergang" in response.text
    transaction.begin()
    [brain] = api.content.find(context=mandat, portal_type="EasyForm")
    assert brain.Title == "Unfall vom 20.11."
    assert brain.review_state == "offen"


def test_client_reads_own_questionnaire_over_rest_without_saved_answers(
    akte_web, forms, base_url
):
    """collective.easyform's serialiser asked for a permission by its id: a client's
    ``GET <questionnaire>`` and ``@search?fullobjects=1`` were 500s."""
    _form_a, form_b = forms
    b = session("mandant-b", CLIENT_PASSWORD)
    b.headers["Accept"] = "application/json"
    own = b.get(form_b.absolute_url())
    assert own.status_code == 200, own.text
    assert own.json()["@id"] == form_b.absolute_url()
    assert "savedDataStorage" not in own.json()
    found = b.get(
        base_url + "/@search", params={"portal_type": "EasyForm", "fullobjects": 1}
    )
    assert found.status_code == 200
    assert [item["@id"] for item in found.json()["items"]] == [form_b.absolute_url()]
    staff = session("anwalt", STAFF_PASSWORD)
    staff.headers["Accept"] = "application/json"
    assert staff.get(form_b.absolute_url()).status_code == 200
