"""Several firms in one Zope: a login at the root goes into the matching site."""

from .conftest import PASSWORD
from kanzlei.akte.pas.testing import SECOND_SITE
from kanzlei.akte.testing import make_client
from zope.component.hooks import setSite

import requests
import transaction


GENERIC = "Die Anmeldung ist fehlgeschlagen"


def _root_login(root_url, kanzlei, datenbank, login, password):
    session = requests.Session()
    response = session.post(
        f"{root_url}/@@akte-login",
        data={
            "kanzlei": kanzlei,
            "datenbank": datenbank,
            "__ac_name": login,
            "__ac_password": password,
            "form.submitted": "1",
        },
    )
    return session, response


def _authenticated(session, url):
    return "userrole-authenticated" in session.get(url).text


def test_root_login_into_matching_site(two_sites):
    app = two_sites["app"]
    root_url = f"http://{two_sites['host']}:{two_sites['port']}"
    first, second = app["plone"], app[SECOND_SITE]
    setSite(first)
    make_client(first, "Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    setSite(second)
    make_client(second, "Meier", "Z-1", "1/26", userid="meier")
    transaction.commit()
    setSite(None)

    form = requests.get(f"{root_url}/@@akte-login").text
    for label in ("Kanzlei", "Datenbank", "Benutzername", "Passwort", "Anmelden"):
        assert label in form
    english = requests.get(
        f"{root_url}/@@akte-login", headers={"Accept-Language": "en-US,en;q=0.8"}
    ).text
    assert "Database" in english and "Log in" in english

    session, response = _root_login(root_url, "ZweiteKanzlei", "ZK2", "meier", PASSWORD)
    landing = response.history[0].headers["Location"]
    assert landing == f"{root_url}/{SECOND_SITE}/@@meine-akte"
    assert response.status_code == 200
    assert _authenticated(session, f"{root_url}/{SECOND_SITE}")
    assert not _authenticated(session, f"{root_url}/plone")  # not valid in the other

    session, response = _root_login(
        root_url, "KLXRechtsanwälte", "KLX", "mueller", PASSWORD
    )
    landing = response.history[0].headers["Location"]
    assert landing == f"{root_url}/plone/@@meine-akte"
    assert _authenticated(session, f"{root_url}/plone")

    # a user of one firm cannot log in with the other firm's Kanzlei/Datenbank,
    # an unknown firm and a wrong password get the same message
    for kanzlei, datenbank, login, password in (
        ("KLXRechtsanwälte", "KLX", "meier", PASSWORD),
        ("ZweiteKanzlei", "KLX", "meier", PASSWORD),
        ("Unbekannt", "XX", "meier", PASSWORD),
        ("ZweiteKanzlei", "ZK2", "meier", "falsch"),
    ):
        session, response = _root_login(root_url, kanzlei, datenbank, login, password)
        assert GENERIC in response.text
        assert f'value="{kanzlei}"' in response.text  # what was typed stays
        assert "__ac" not in session.cookies


def test_root_login_respects_lockout(two_sites):
    app = two_sites["app"]
    root_url = f"http://{two_sites['host']}:{two_sites['port']}"
    second = app[SECOND_SITE]
    setSite(second)
    make_client(second, "Meier", "Z-1", "1/26", userid="meier")
    transaction.commit()
    setSite(None)
    for _ in range(10):
        _root_login(root_url, "ZweiteKanzlei", "ZK2", "meier", "falsch")
    session, response = _root_login(root_url, "ZweiteKanzlei", "ZK2", "meier", PASSWORD)
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.text
    assert "__ac" not in session.cookies
