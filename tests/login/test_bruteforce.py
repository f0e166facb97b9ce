"""Lockout per account (form, @login, Basic auth) and per IP; forged X-Forwarded-For."""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.accounts import failures
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.testing import make_client
from plone import api

import requests
import transaction


LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def _client(portal, userid="mueller", number="K-100", file_number="100/26"):
    make_client(portal, f"Mandant {userid}", number, file_number, userid=userid)
    transaction.commit()


def _rest_login(base_url, login, password, headers=None):
    return requests.post(
        f"{base_url}/@login",
        json={"login": login, "password": password},
        headers={**JSON, **(headers or {})},
    )


def _basic(base_url, login, password):
    return requests.get(
        f"{base_url}/@users/{login}", auth=(login, password), headers=JSON
    )


def _stored_lockout(portal, login):
    transaction.begin()  # see what the server committed
    return lockout.locked_until(get_plugin(portal), login)


def test_form_lockout_after_ten_failures_and_staff_unlock(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    for _ in range(9):
        _, response = form_login(base_url, "mueller", "falsch")
        assert LOCKED not in response.text
    _, response = form_login(base_url, "mueller", "falsch")
    assert LOCKED in response.text
    # now even the right password is refused, with the lockout message
    session, response = form_login(base_url, "mueller", PASSWORD)
    assert LOCKED in response.text
    assert "__ac" not in session.cookies
    # persisted in the ZODB (survives a restart), per-IP memory does not matter
    assert _stored_lockout(portal, "mueller")
    failures.reset_ip_counters()
    _, response = form_login(base_url, "mueller", PASSWORD)
    assert LOCKED in response.text
    # staff unlock
    with api.env.adopt_roles(["Manager"]):
        assert lockout.unlock("mueller")
    transaction.commit()
    session, response = form_login(base_url, "mueller", PASSWORD)
    assert LOCKED not in response.text
    assert "__ac" in session.cookies


def test_unknown_login_is_locked_alike(functional, base_url):
    """No enumeration: a login name nobody has gets locked the same way."""
    for _ in range(10):
        _, response = form_login(base_url, "gibtsnicht", "falsch")
    assert LOCKED in response.text


def test_rest_login_lockout(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    assert _rest_login(base_url, "mueller", PASSWORD).status_code == 200
    for _ in range(10):
        response = _rest_login(base_url, "mueller", "falsch")
        assert response.status_code == 401
    response = _rest_login(base_url, "mueller", PASSWORD)
    assert response.status_code == 401
    assert LOCKED in response.json()["error"]["message"]
    assert "token" not in response.json()


def test_rest_login_checks_kanzlei_datenbank(functional, base_url):
    _client(functional["portal"])
    ok = requests.post(
        f"{base_url}/@login",
        json={
            "login": "mueller",
            "password": PASSWORD,
            "kanzlei": "KLXRechtsanwälte",
            "datenbank": "KLX",
        },
        headers=JSON,
    )
    assert ok.status_code == 200
    wrong = requests.post(
        f"{base_url}/@login",
        json={
            "login": "mueller",
            "password": PASSWORD,
            "kanzlei": "Fremd",
            "datenbank": "KLX",
        },
        headers=JSON,
    )
    assert wrong.status_code == 401
    assert "token" not in wrong.json()


def test_basic_auth_lockout(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    assert _basic(base_url, "mueller", PASSWORD).status_code == 200
    for _ in range(10):
        assert _basic(base_url, "mueller", "falsch").status_code == 401
    assert _basic(base_url, "mueller", PASSWORD).status_code == 401
    assert _stored_lockout(portal, "mueller")


def test_ip_throttle_ignores_forged_forwarded_for(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    # 20 failures from one socket, each claiming another origin, each another login
    for i in range(20):
        headers = {"X-Forwarded-For": f"203.0.113.{i}"}
        _, response = form_login(base_url, f"rate{i}", "falsch", headers=headers)
    # the 21st attempt, even with the right password and a fresh forged origin
    session, response = form_login(
        base_url, "mueller", PASSWORD, headers={"X-Forwarded-For": "198.51.100.7"}
    )
    assert LOCKED in response.text
    assert "__ac" not in session.cookies
    # the account itself is not locked: another address may log in
    assert not _stored_lockout(portal, "mueller")
    assert _rest_login(base_url, "mueller", PASSWORD).status_code == 401  # same IP
    failures.reset_ip_counters()
    assert _rest_login(base_url, "mueller", PASSWORD).status_code == 200


def test_trusted_proxy_forwarded_for_is_used(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    api.portal.set_registry_record("kanzlei.akte.login.trusted_proxies", ["127.0.0.1"])
    transaction.commit()
    for i in range(20):
        form_login(
            base_url, f"rate{i}", "falsch", headers={"X-Forwarded-For": "10.1.1.1"}
        )
    blocked = {"X-Forwarded-For": "10.1.1.1"}
    other = {"X-Forwarded-For": "10.2.2.2"}
    _, response = form_login(base_url, "mueller", PASSWORD, headers=blocked)
    assert LOCKED in response.text
    session, response = form_login(base_url, "mueller", PASSWORD, headers=other)
    assert "__ac" in session.cookies
    # a client cannot prepend a fake hop: the right-most untrusted address counts
    spoof = {"X-Forwarded-For": "10.2.2.2, 10.1.1.1"}
    _, response = form_login(base_url, "mueller", PASSWORD, headers=spoof)
    assert LOCKED in response.text
