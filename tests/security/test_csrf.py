"""Item 9: a state change authenticated only by the browser's cookie needs proof that
it comes from the portal's own pages (the authenticator, or a same-origin ``Origin`` /
``Sec-Fetch-Site``); only token-authenticated calls may skip that. Login forms too.
"""

from plone import api
from tests.security.input_fixtures import cookie_session  # noqa: F401 - fixture
from tests.security.input_fixtures import portal_s  # noqa: F401 - fixture
from tests.security.input_fixtures import url_of
from tests.services.conftest import api_session  # noqa: F401 - fixture
from tests.services.conftest import api_token  # noqa: F401 - fixture
from tests.services.conftest import integration_user  # noqa: F401 - fixture
from tests.services.conftest import portal_f  # noqa: F401 - fixture

import pytest
import re
import requests
import transaction


PLAIN = {"Content-Type": "text/plain", "Accept": "application/json"}
EVIL = "https://evil.example"


def state(obj):
    transaction.begin()
    return api.content.get_state(obj)


def assert_refused(response):
    assert response.status_code == 403, response.text[:500]
    body = response.json()
    assert body["type"] == "Forbidden"
    assert "Anfrage" in body["message"]  # German, says what happened


# --- cookie only, a cross-site "simple" request: refused -------------------------


def test_cookie_workflow_transition_refused(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("anwalt")
    response = session.post(
        url_of(base_url, portal_s.internal) + "/@workflow/freigeben",
        data="{}",
        headers=PLAIN,
    )
    assert_refused(response)
    assert state(portal_s.internal) == "intern"


def test_cookie_akte_mandant_put_refused(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("kanzleiadmin")
    response = session.put(
        f"{base_url}/@akte-mandant/10001",
        data='{"city": "Gefälscht"}',
        headers=PLAIN,
    )
    assert_refused(response)
    transaction.begin()
    assert portal_s.mandant.city != "Gefälscht"


def test_cookie_akte_eingang_fetched_refused(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("kanzleiadmin")
    response = session.post(
        f"{base_url}/@akte-eingang/fetched", data='{"cursor": 99}', headers=PLAIN
    )
    assert_refused(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["origin-evil", "origin-null", "fetch-cross-site", "fetch-same-site"],
)
def test_cookie_cross_site_refused(
    portal_s,  # noqa: F811
    cookie_session,  # noqa: F811
    base_url,
    headers,
):
    session = cookie_session("anwalt")
    response = session.post(
        url_of(base_url, portal_s.internal) + "/@workflow/freigeben",
        headers={**PLAIN, **headers},
        data="{}",
    )
    assert_refused(response)
    assert state(portal_s.internal) == "intern"


# --- the portal's own pages keep working -----------------------------------------


def test_cookie_same_origin_request_works(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("anwalt")
    origin = base_url.split("/plone")[0]
    response = session.post(
        url_of(base_url, portal_s.internal) + "/@workflow/freigeben",
        json={},
        headers={"Accept": "application/json", "Origin": origin},
    )
    assert response.status_code == 200, response.text[:500]
    assert state(portal_s.internal) == "freigegeben"


def test_cookie_fetch_metadata_same_origin_works(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("anwalt")
    response = session.post(
        url_of(base_url, portal_s.internal) + "/@workflow/freigeben",
        json={},
        headers={
            "Accept": "application/json",
            "Origin": "null",  # a page with Referrer-Policy: no-referrer
            "Sec-Fetch-Site": "same-origin",
        },
    )
    assert response.status_code == 200, response.text[:500]


def test_cookie_with_authenticator_header_works(portal_s, cookie_session, base_url):  # noqa: F811
    session = cookie_session("anwalt")
    edit = session.get(url_of(base_url, portal_s.internal) + "/edit").text
    token = re.search(r"_authenticator=([0-9a-f]+)", edit).group(1)
    response = session.post(
        url_of(base_url, portal_s.internal) + "/@workflow/freigeben",
        json={},
        headers={"Accept": "application/json", "X-CSRF-TOKEN": token},
    )
    assert response.status_code == 200, response.text[:500]


def test_token_authenticated_call_needs_no_authenticator(
    portal_s,  # noqa: F811
    api_session,  # noqa: F811
    base_url,
):
    response = api_session.post(f"{base_url}/@akte-eingang/fetched", json={"cursor": 0})
    assert response.status_code == 200, response.text[:500]


# --- login CSRF -------------------------------------------------------------------


def test_cross_site_login_form_refused(portal_s, base_url):  # noqa: F811
    session = requests.Session()
    response = session.post(
        f"{base_url}/login",
        data={
            "__ac_name": "mandant_a",
            "__ac_password": "Mandanten-Test-Passwort-2026",
            "kanzlei": "KLXRechtsanwälte",
            "datenbank": "KLX",
            "buttons.login": "Anmelden",
        },
        headers={"Origin": EVIL},
    )
    assert response.status_code == 403
    assert "__ac" not in session.cookies


def test_cross_site_rest_login_refused(portal_s, base_url):  # noqa: F811
    response = requests.post(
        f"{base_url}/@login",
        data='{"login": "mandant_a", "password": "Mandanten-Test-Passwort-2026"}',
        headers={**PLAIN, "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert "token" not in response.text
