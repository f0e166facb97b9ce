"""Plone's own forms and endpoints apply our password policy with German messages
(the PAS plugin is the ``IValidationPlugin`` that portal_registration asks)."""

from .conftest import sync
from kanzlei.akte.testing import make_client
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import html
import re
import requests
import transaction


ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
COMMON = "häufigsten verwendeten Passwörtern"
JSON = {"Accept": "application/json"}


def test_post_users_refuses_a_common_password(functional, base_url):
    response = requests.post(
        f"{base_url}/@users",
        auth=ADMIN,
        headers=JSON,
        json={"username": "neu", "email": "neu@example.org", "password": "passwort"},
    )
    assert response.status_code == 400
    assert COMMON in response.json()["error"]["message"]
    sync()
    assert api.user.get(userid="neu") is None


def test_patch_users_refuses_a_common_password(functional, base_url):
    make_client(functional["portal"], "Paula P", "PP-1", "1/26", userid="paula")
    transaction.commit()
    response = requests.patch(
        f"{base_url}/@users/paula",
        auth=ADMIN,
        headers=JSON,
        json={"password": "passwort"},
    )
    assert response.status_code == 400
    assert COMMON in response.json()["error"]["message"]
    ok = requests.post(
        f"{base_url}/@login",
        headers=JSON,
        json={"login": "paula", "password": "Mandanten-Test-Passwort-2026"},
    )
    assert ok.status_code == 200  # the old password still works


def test_plone_new_user_form_refuses_a_common_password(functional, base_url):
    session = requests.Session()
    session.auth = ADMIN
    form = session.get(f"{base_url}/@@new-user")
    assert form.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text)
    data = {
        "form.widgets.fullname": "Neue Person",
        "form.widgets.email": "neu@example.org",
        "form.widgets.username": "neuperson",
        "form.widgets.password": "passwort",
        "form.widgets.password_ctl": "passwort",
        "form.buttons.register": "Register",
    }
    if token:
        data["_authenticator"] = token.group(1)
    response = session.post(f"{base_url}/@@new-user", data=data)
    assert COMMON in html.unescape(response.text)
    sync()
    assert api.user.get(userid="neuperson") is None


def test_testpasswordvalidity_speaks_german_and_accepts_a_good_one(functional):
    registration = api.portal.get_tool("portal_registration")
    assert COMMON in registration.testPasswordValidity("passwort")
    assert "mindestens 8 Zeichen" in registration.testPasswordValidity("kurz")
    assert registration.testPasswordValidity("Sonnige Wiese am Fluss 7") is None
