"""API tokens: authenticate, hashed at rest, revocable by the firm admin on a page."""

from kanzlei.akte.pas.lookup import get_token_plugin as get_plugin
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import re
import requests
import transaction


def test_token_authenticates_and_is_stored_hashed(base_url, portal_f, api_token):
    url = f"{base_url}/@akte-eingang"
    bearer = requests.get(
        url,
        headers={"Authorization": f"Bearer {api_token}", "Accept": "application/json"},
    )
    assert bearer.status_code == 200
    header = requests.get(
        url, headers={"X-Akte-Token": api_token, "Accept": "application/json"}
    )
    assert header.status_code == 200
    wrong = requests.get(
        url,
        headers={
            "Authorization": f"Bearer {api_token[:-2]}xx",
            "Accept": "application/json",
        },
    )
    assert wrong.status_code == 401

    transaction.begin()
    plugin = get_plugin(portal_f)
    secret = api_token.rsplit("_", 1)[-1]
    stored = dict(plugin.tokens)
    assert len(stored) == 1
    (info,) = stored.values()
    assert secret not in repr(dict(info))
    assert info["last_used"] is not None
    assert "hash" not in plugin.list_tokens()[0]


def test_admin_creates_and_revokes_tokens(base_url, portal_f, integration_user):
    admin = requests.Session()
    admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page_url = f"{base_url}/@@akte-api-tokens"
    page = admin.get(page_url)
    assert page.status_code == 200
    assert integration_user in page.text
    authenticator = re.search(
        r'name="_authenticator" value="([^"]+)"', page.text
    ).group(1)

    refused = admin.post(
        page_url,
        data={
            "_authenticator": authenticator,
            "form.create": "1",
            "name": "",
            "userid": "nobody",
        },
    )
    assert "Bitte einen Namen angeben." in refused.text
    assert 'id="new-token"' not in refused.text

    created = admin.post(
        page_url,
        data={
            "_authenticator": authenticator,
            "form.create": "1",
            "name": "RA-MICRO",
            "userid": integration_user,
        },
    )
    token = re.search(r'id="new-token"[^>]*>(akte_[^<]+)<', created.text).group(1)
    ok = requests.get(
        f"{base_url}/@akte-eingang",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    assert ok.status_code == 200
    listing = admin.get(page_url)
    assert "RA-MICRO" in listing.text and token not in listing.text

    transaction.begin()
    token_id = get_plugin(portal_f).list_tokens()[0]["id"]
    admin.post(
        page_url,
        data={
            "_authenticator": authenticator,
            "form.revoke": "1",
            "token_id": token_id,
        },
    )
    revoked = requests.get(
        f"{base_url}/@akte-eingang",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    assert revoked.status_code == 401

    # a dedicated integration account can be made on the page
    made = admin.post(
        page_url,
        data={
            "_authenticator": authenticator,
            "form.create": "1",
            "name": "j-lawyer",
            "new_userid": "jlawyer",
        },
    )
    assert re.search(r'id="new-token"[^>]*>(akte_[^<]+)<', made.text)


def test_clients_cannot_open_the_token_page(
    base_url, portal_f, two_clients, api_token, client_http
):

    client = client_http("mandant_a")
    client.headers["Accept"] = "text/html"
    assert client.get(
        f"{base_url}/@@akte-api-tokens", allow_redirects=False
    ).status_code in (
        302,
        401,
        403,
    )
    integration = requests.get(
        f"{base_url}/@@akte-api-tokens",
        headers={"Authorization": f"Bearer {api_token}"},
        allow_redirects=False,
    )
    assert integration.status_code in (302, 401, 403)


def test_integration_can_use_a_jwt_from_login(base_url, integration_user):
    login = requests.post(
        f"{base_url}/@login",
        json={"login": integration_user, "password": "Integration-Test-Passwort-2026"},
        headers={"Accept": "application/json"},
    )
    assert login.status_code == 200, login.text
    response = requests.get(
        f"{base_url}/@akte-eingang",
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {login.json()['token']}",
        },
    )
    assert response.status_code == 200
