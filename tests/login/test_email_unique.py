"""A client cannot take a staff member's e-mail address (which would silently stop
that staff member's password reset by e-mail)."""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import html
import re
import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
IN_USE = "gehört bereits zu einem anderen Zugang"


def setup_users(portal):
    make_client(portal, "Müller", "K-1", "1/26", userid="mueller")
    make_staff()  # anwalt@example.org
    transaction.commit()


def email_of(userid):
    transaction.abort()
    transaction.begin()
    return api.user.get(userid=userid).getProperty("email")


def test_patch_users_refuses_another_accounts_address(functional, base_url):
    setup_users(functional["portal"])
    token = requests.post(
        f"{base_url}/@login",
        headers=JSON,
        json={"login": "mueller", "password": PASSWORD},
    ).json()["token"]
    response = requests.patch(
        f"{base_url}/@users/mueller",
        headers={**JSON, "Authorization": f"Bearer {token}"},
        json={"email": "ANWALT@example.org"},
    )
    assert response.status_code == 400
    assert IN_USE in response.json()["error"]["message"]
    assert email_of("mueller") == "mueller@example.org"
    ok = requests.patch(
        f"{base_url}/@users/mueller",
        headers={**JSON, "Authorization": f"Bearer {token}"},
        json={"email": "neu@example.org"},
    )
    assert ok.status_code == 204
    assert email_of("mueller") == "neu@example.org"


def test_personal_information_form_refuses_it(functional, base_url):
    setup_users(functional["portal"])
    session, _ = form_login(base_url, "mueller", PASSWORD)
    page = session.get(f"{base_url}/@@personal-information")
    assert page.status_code == 200
    data = {
        name: value
        for name, value in re.findall(
            r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text
        )
        if name.startswith("form.") or name == "_authenticator"
    }
    data["form.widgets.email"] = "anwalt@example.org"
    data["form.buttons.save"] = "Speichern"
    response = session.post(f"{base_url}/@@personal-information", data=data)
    assert IN_USE in html.unescape(response.text)
    assert email_of("mueller") == "mueller@example.org"
