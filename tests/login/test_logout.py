"""The classic logout also ends the user's REST tokens (JWT)."""

from .conftest import form_login
from .conftest import is_logged_in
from .conftest import PASSWORD
from kanzlei.akte.testing import make_client

import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def jwt_status(base_url, token):
    response = requests.get(
        f"{base_url}/@users/mueller",
        headers={**JSON, "Authorization": f"Bearer {token}"},
    )
    return response.status_code


def test_logout_in_the_browser_ends_the_jwt(functional, base_url):
    make_client(functional["portal"], "Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    token = requests.post(
        f"{base_url}/@login",
        headers=JSON,
        json={"login": "mueller", "password": PASSWORD},
    ).json()["token"]
    assert jwt_status(base_url, token) == 200
    session, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(session, base_url)

    session.get(f"{base_url}/logout")

    assert not is_logged_in(session, base_url)
    assert jwt_status(base_url, token) == 401
