"""Idle and absolute session timeouts for the login cookie and for REST tokens
(issue 11, section 3), over real HTTP with short times from the registry.

Defaults: clients 30 minutes idle, staff 2 hours, everyone at most 12 hours after the
login. Here a few seconds, and real waiting.
"""

from .conftest import form_login
from .conftest import is_logged_in
from .conftest import PASSWORD
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import time
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"


@pytest.fixture
def portal(functional):
    portal = functional["portal"]
    make_client(portal, "Mandant Müller", "K-100", "100/26", userid="mueller")
    with api.env.adopt_roles(["Manager"]):
        make_staff()
    transaction.commit()
    return portal


def timeouts(idle_client, maximum, idle_staff=7200):
    api.portal.set_registry_record(
        "kanzlei.akte.session_idle_seconds_client", idle_client
    )
    api.portal.set_registry_record(
        "kanzlei.akte.session_idle_seconds_staff", idle_staff
    )
    api.portal.set_registry_record("kanzlei.akte.session_max_seconds", maximum)
    transaction.commit()


def wait_until(start, seconds):
    time.sleep(max(0, start + seconds - time.time()))


def test_defaults_for_clients_and_staff(portal, base_url):
    assert (
        api.portal.get_registry_record("kanzlei.akte.session_idle_seconds_client")
        == 1800
    )
    assert (
        api.portal.get_registry_record("kanzlei.akte.session_idle_seconds_staff")
        == 7200
    )
    assert api.portal.get_registry_record("kanzlei.akte.session_max_seconds") == 43200
    assert portal.acl_users.jwt_auth.token_timeout == 43200
    assert portal.acl_users.session.timeout == 7200
    panel = requests.get(
        f"{base_url}/@@kanzlei-settings", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    ).text
    for label in (
        "Abmeldung nach Untätigkeit: Mandanten (Sekunden)",
        "Abmeldung nach Untätigkeit: Kanzlei (Sekunden)",
        "Höchstdauer einer Anmeldung (Sekunden)",
    ):
        assert label in panel


def test_idle_cookie_session_ends(portal, base_url):
    timeouts(idle_client=3, maximum=3600)
    start = time.time()
    client, _ = form_login(base_url, "mueller", PASSWORD)
    staff, _ = form_login(base_url, "anwalt", STAFF_PASSWORD)
    wait_until(start, 1.5)
    assert is_logged_in(client, base_url)  # activity keeps it alive
    wait_until(start, 3)
    assert is_logged_in(client, base_url)
    wait_until(start, 7.5)  # 4.5 s without a request
    page = client.get(base_url)
    assert "userrole-authenticated" not in page.text
    assert "Untätigkeit" in page.text  # the client is told why
    assert "__ac" not in client.cookies  # and the cookie is gone
    assert is_logged_in(staff, base_url)  # staff have their own (longer) idle time


def test_absolute_cookie_session_ends_despite_activity(portal, base_url):
    timeouts(idle_client=6, maximum=4)
    start = time.time()
    client, _ = form_login(base_url, "mueller", PASSWORD)
    for at in (1.5, 2.5):
        wait_until(start, at)
        assert is_logged_in(client, base_url)
    wait_until(start, 5.5)  # 3 s after the last request: not idle, but over 4 s
    page = client.get(base_url)
    assert "userrole-authenticated" not in page.text
    assert "Ihre Anmeldung ist abgelaufen" in page.text


def rest_token(base_url):
    response = requests.post(
        f"{base_url}/@login",
        json={"login": "mueller", "password": PASSWORD},
        headers=JSON,
    )
    assert response.status_code == 200
    return response.json()["token"]


def with_token(base_url, token):
    return requests.get(
        f"{base_url}/@users/mueller",
        headers={**JSON, "Authorization": f"Bearer {token}"},
    ).status_code


def test_idle_jwt_is_refused(portal, base_url):
    timeouts(idle_client=3, maximum=3600)
    start = time.time()
    token = rest_token(base_url)
    wait_until(start, 1.5)
    assert with_token(base_url, token) == 200
    wait_until(start, 7)  # 5.5 s without use
    assert with_token(base_url, token) == 401
    timeouts(idle_client=3600, maximum=3600)
    assert with_token(base_url, token) == 401  # revoked, not only refused once


def test_jwt_past_the_absolute_time_is_refused(portal, base_url):
    timeouts(idle_client=6, maximum=4)
    start = time.time()
    token = rest_token(base_url)
    for at in (1.5, 2.5):
        wait_until(start, at)
        assert with_token(base_url, token) == 200
    wait_until(start, 5.5)  # used 3 s ago: not idle, but over 4 s
    assert with_token(base_url, token) == 401
