import requests


PASSWORD = "Mandanten-Test-Passwort-2026"


def form_login(
    base_url,
    login,
    password,
    kanzlei="KLXRechtsanwälte",
    datenbank="KLX",
    session=None,
    headers=None,
):
    """POST the login form like a browser does; returns (session, response)."""
    session = session or requests.Session()
    data = {
        "__ac_name": login,
        "__ac_password": password,
        "buttons.login": "Anmelden",
    }
    if kanzlei is not None:
        data["kanzlei"] = kanzlei
    if datenbank is not None:
        data["datenbank"] = datenbank
    response = session.post(f"{base_url}/login", data=data, headers=headers or {})
    return session, response


def is_logged_in(session, base_url):
    """The portal sees this session as an authenticated user."""
    return "userrole-authenticated" in session.get(base_url).text


# --- a second firm's site in the same Zope (root login) -----------------------

from kanzlei.akte.pas.testing import SECOND_SITE  # noqa: E402, F401
from kanzlei.akte.pas.testing import TWO_SITES_FUNCTIONAL  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402


globals().update(fixtures_factory(((TWO_SITES_FUNCTIONAL, "two_sites"),)))
