"""Issue 11, 1.4: workflow history and staff comments are for staff only.

The ``review_history`` variable of all six workflows is guarded by "Review portal
content" (staff); ``@history`` needs "CMFEditions: Access previous versions",
which Owner (a client owns their uploads) no longer has.
"""

from kanzlei.akte.questionnaires.presets import add_from_preset
from pathlib import Path
from plone import api
from tests.permissions.conftest import acting_as
from tests.security.conftest import INTERNAL_COMMENT
from tests.security.conftest import json_get

import kanzlei.akte
import pytest
import transaction


# Documents client A may see whose history holds a staff comment:
# released by the firm / uploaded by the client (Owner), withdrawn and released.
DOCUMENTS = ["commented", "upload_released"]


@pytest.fixture
def histories(firm):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=firm["upload"], transition="freigeben", comment=INTERNAL_COMMENT
        )
    transaction.commit()
    return {**firm, "upload_released": firm["upload"]}


def assert_no_history(text):
    assert "INTERN" not in text
    assert "zurueckziehen" not in text
    assert "anwalt" not in text


@pytest.mark.parametrize("document", DOCUMENTS)
def test_rest_workflow_has_no_history(client_a, histories, document):
    url = histories[document].absolute_url()
    response = json_get(client_a, f"{url}/@workflow")
    assert response.status_code == 200
    assert response.json()["history"] == []
    assert_no_history(response.text)
    expanded = json_get(client_a, url, expand="workflow")
    assert expanded.status_code == 200
    assert expanded.json()["@components"]["workflow"]["history"] == []
    assert_no_history(expanded.text)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_rest_history_refused(client_a, histories, document):
    response = json_get(client_a, histories[document].absolute_url() + "/@history")
    assert response.status_code in (401, 403)
    assert_no_history(response.text)


@pytest.mark.parametrize("view", ["@@contenthistory", "@@historyview"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_classic_history_views(client_a, histories, document, view):
    response = client_a.get(f"{histories[document].absolute_url()}/{view}")
    assert_no_history(response.text)


def test_staff_read_history_and_comments(staff, histories):
    url = histories["commented"].absolute_url()
    history = json_get(staff, f"{url}/@workflow").json()["history"]
    assert INTERNAL_COMMENT in [item["comments"] for item in history]
    assert json_get(staff, f"{url}/@history").status_code == 200


def objects_per_workflow(firm):
    with api.env.adopt_roles(["Manager"]):
        questionnaire = add_from_preset(firm["mandat_a"], "verkehrsunfall")
    return {
        "akte_bereich_workflow": firm["portal"]["mandanten"],
        "akte_mandant_workflow": firm["mandant_a"],
        "akte_mandat_workflow": firm["mandat_a"],
        "akte_dokument_workflow": firm["commented"],
        "akte_nachricht_workflow": firm["client_message"],
        "akte_fragebogen_workflow": questionnaire,
    }


def test_review_history_guard_of_every_workflow(firm):
    """As the client (Mandant, Owner of their message) no workflow gives it out."""
    wftool = api.portal.get_tool("portal_workflow")
    objects = objects_per_workflow(firm)
    shipped = Path(kanzlei.akte.__file__).parent / "profiles/default/workflows"
    assert set(objects) == {path.name for path in shipped.iterdir()}
    for workflow, obj in objects.items():
        assert wftool.getChainFor(obj) == (workflow,)
        with acting_as("anwalt"):
            assert wftool.getInfoFor(obj, "review_history", None) is not None
        for userid in ("mandant-a", None):
            with acting_as(userid):
                assert wftool.getInfoFor(obj, "review_history", None) is None, (
                    workflow,
                    userid,
                )
