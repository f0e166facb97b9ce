"""Issue 11, 1.2: ``GET @transactions`` (all recent transactions) is for staff only."""

from tests.security.conftest import json_get
from tests.security.conftest import visitors


@visitors()
def test_transactions_refused(visitor, base_url, firm):
    response = json_get(visitor, f"{base_url}/@transactions")
    assert response.status_code in (401, 403)
    for secret in ("mandant-b", firm["mandat_b"].getId(), "GEHEIM"):
        assert secret not in response.text


def test_client_of_a_mandate_cannot_list_there_either(client_a, firm):
    response = json_get(client_a, firm["mandat_a"].absolute_url() + "/@transactions")
    assert response.status_code in (401, 403, 404)


def test_staff_and_manager_list_transactions(staff, manager, base_url):
    for http in (staff, manager):
        response = json_get(http, f"{base_url}/@transactions")
        assert response.status_code == 200
        assert isinstance(response.json(), list)
