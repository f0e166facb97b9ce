"""The Zope root's ``admin`` gets the same lockout and IP throttle as every account
(issue 11, item 6), over HTTP Basic auth, the login form and ``POST @login``.

``admin`` lives in the Zope root's user folder (the instance's ``admin``; here
plone.app.testing's site owner), which authenticated it without any of our checks.
"""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.accounts import failures
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.lookup import PLUGIN_ID
from kanzlei.akte.testing import make_client
from plone import api
from plone.app.testing import SITE_OWNER_NAME as ADMIN
from plone.app.testing import SITE_OWNER_PASSWORD
from urllib.parse import unquote

import base64
import pytest
import requests
import time
import transaction


LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture
def portal(functional):
    portal = functional["portal"]
    make_client(portal, "Mandant Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    return portal


def basic(base_url, login=ADMIN, password=SITE_OWNER_PASSWORD):
    return requests.get(
        f"{base_url}/@users/{login}", auth=(login, password), headers=JSON
    )


def rest_login(base_url, login=ADMIN, password=SITE_OWNER_PASSWORD):
    return requests.post(
        f"{base_url}/@login", json={"login": login, "password": password}, headers=JSON
    )


def test_admin_locked_after_wrong_basic_passwords(portal, base_url):
    assert basic(base_url).status_code == 200
    for _ in range(10):
        assert basic(base_url, password="falsch").status_code == 401
    # the right password is refused now, on every way in, with the same answer
    assert basic(base_url).status_code == 401
    refused = rest_login(base_url)
    assert refused.status_code == 401 and "token" not in refused.json()
    assert LOCKED in refused.json()["error"]["message"]  # as for a locked client
    session, response = form_login(base_url, ADMIN, SITE_OWNER_PASSWORD)
    assert LOCKED in response.text
    assert "__ac" not in session.cookies
    # persisted (not only the per-IP memory): still locked from a fresh counter
    failures.reset_ip_counters()
    assert basic(base_url).status_code == 401
    # no other account is locked by it
    assert basic(base_url, "mueller", PASSWORD).status_code == 200
    assert rest_login(base_url, "mueller", PASSWORD).status_code == 200


def test_admin_refused_while_the_ip_is_throttled(portal, base_url):
    for i in range(20):
        form_login(base_url, f"rate{i}", "falsch")
    assert basic(base_url).status_code == 401
    assert rest_login(base_url).status_code == 401
    _, response = form_login(base_url, ADMIN, SITE_OWNER_PASSWORD)
    assert LOCKED in response.text
    failures.reset_ip_counters()
    assert basic(base_url).status_code == 200


def test_admin_lockout_ends_after_the_window(portal, functional, base_url):
    api.portal.set_registry_record("kanzlei.akte.login.max_failures", 3)
    api.portal.set_registry_record("kanzlei.akte.login.lockout_minutes", 1)
    transaction.commit()
    for _ in range(3):
        assert basic(base_url, password="falsch").status_code == 401
    assert basic(base_url).status_code == 401
    # the lock was set a minute ago (the window of one minute is over)
    root_plugin = functional["app"].acl_users[PLUGIN_ID]
    transaction.begin()
    assert lockout.locked_until(root_plugin, ADMIN)
    lockout.clear(root_plugin, ADMIN)
    for _ in range(3):
        lockout.record_failure(root_plugin, ADMIN, now=time.time() - 61)
    transaction.commit()
    failures.reset_ip_counters()
    assert basic(base_url).status_code == 200


def test_zope_root_basic_auth_is_guarded_too(portal, base_url):
    root = base_url.rsplit("/", 1)[0]
    manage = f"{root}/acl_users/manage_main"
    assert requests.get(manage, auth=(ADMIN, SITE_OWNER_PASSWORD)).status_code == 200
    for _ in range(10):
        requests.get(manage, auth=(ADMIN, "falsch"))
    assert requests.get(manage, auth=(ADMIN, SITE_OWNER_PASSWORD)).status_code == 401


def test_admin_gets_the_sites_signed_cookie_not_its_password(portal, base_url):
    """The root folder's own cookie was ``admin:password`` in base64, readable by
    scripts; now it is the site's signed, ``HttpOnly`` session cookie, and the
    logout ends it (also a copy kept by an attacker)."""
    session, response = form_login(base_url, ADMIN, SITE_OWNER_PASSWORD)
    login_answer = (response.history or [response])[0]
    header = next(
        h
        for h in login_answer.raw.headers.getlist("Set-Cookie")
        if h.startswith("__ac=")
    )
    assert "httponly" in header.lower()
    value = session.cookies["__ac"]
    decoded = base64.b64decode(unquote(unquote(value)) + "==").decode("latin-1")
    for secret in (SITE_OWNER_PASSWORD, SITE_OWNER_PASSWORD.encode().hex()):
        assert secret not in decoded
    page = session.get(f"{base_url}/@@overview-controlpanel")
    assert page.status_code == 200 and "userrole-authenticated" in page.text
    stolen = requests.Session()
    stolen.cookies.set("__ac", value)
    assert stolen.get(f"{base_url}/@@overview-controlpanel").status_code == 200
    session.get(f"{base_url}/logout")
    refused = stolen.get(f"{base_url}/@@overview-controlpanel", allow_redirects=False)
    assert refused.status_code in (302, 401)


def test_admin_jwt_ends_after_idle_time_and_at_logout(portal, base_url):
    api.portal.set_registry_record("kanzlei.akte.session_idle_seconds_staff", 3)
    transaction.commit()

    def status(token):
        headers = {**JSON, "Authorization": f"Bearer {token}"}
        return requests.get(f"{base_url}/@users/{ADMIN}", headers=headers).status_code

    start = time.time()
    token = rest_login(base_url).json()["token"]
    assert status(token) == 200
    time.sleep(max(0, start + 5.5 - time.time()))  # over 4 s without use
    assert status(token) == 401
    token = rest_login(base_url).json()["token"]
    assert status(token) == 200
    session, _ = form_login(base_url, ADMIN, SITE_OWNER_PASSWORD)
    session.get(f"{base_url}/logout")
    assert status(token) == 401
