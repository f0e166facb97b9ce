"""Login form with Kanzlei/Datenbank; refusals share one generic message."""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.pas.lookup import PLUGIN_ID
from kanzlei.akte.testing import make_client
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

import re
import requests
import transaction


GENERIC = "Die Anmeldung ist fehlgeschlagen"


def _client(portal, userid="mueller"):
    mandant, mandat = make_client(portal, "Müller", "K-100", "100/26", userid=userid)
    transaction.commit()
    return mandant


def _is_authenticated(session, base_url):
    return "userrole-authenticated" in session.get(base_url).text


def test_plugin_installed_and_wraps_source_users(portal):
    plugins = portal.acl_users.plugins
    ids = plugins.listPluginIds(IAuthenticationPlugin)
    assert PLUGIN_ID in ids
    assert "source_users" not in ids


def test_form_shows_german_fields_prefilled(functional, base_url):
    html = requests.get(f"{base_url}/login").text
    for label in ("Kanzlei", "Datenbank", "Benutzername", "Passwort", "Anmelden"):
        assert label in html
    assert 'value="KLXRechtsanwälte"' in html
    assert 'value="KLX"' in html
    assert 'name="__ac_name"' in html and 'name="__ac_password"' in html


def test_form_prefilled_from_query(functional, base_url):
    html = requests.get(f"{base_url}/login?kanzlei=AndereKanzlei&datenbank=XYZ").text
    assert 'value="AndereKanzlei"' in html
    assert 'value="XYZ"' in html


def test_login_success(functional, base_url):
    _client(functional["portal"])
    session, response = form_login(base_url, "mueller", PASSWORD)
    assert GENERIC not in response.text
    assert _is_authenticated(session, base_url)


def test_wrong_kanzlei_datenbank_password_same_message(functional, base_url):
    _client(functional["portal"])
    texts = []
    for kwargs in (
        {"kanzlei": "FalscheKanzlei"},
        {"datenbank": "ABC"},
        {"password": "falsch-falsch-falsch"},
        {"login": "niemand"},
    ):
        login = kwargs.pop("login", "mueller")
        password = kwargs.pop("password", PASSWORD)
        session, response = form_login(base_url, login, password, **kwargs)
        assert not _is_authenticated(session, base_url)
        assert GENERIC in response.text
        texts.append(response.text.count(GENERIC))
    assert set(texts) == {1}
    # what was typed stays
    session, response = form_login(base_url, "mueller", "x", kanzlei="FalscheKanzlei")
    assert 'value="FalscheKanzlei"' in response.text
    assert 'value="mueller"' in response.text


def test_empty_kanzlei_is_refused(functional, base_url):
    _client(functional["portal"])
    session, response = form_login(base_url, "mueller", PASSWORD, kanzlei="")
    assert GENERIC in response.text
    assert not _is_authenticated(session, base_url)
    # the browser form asks for both fields
    inputs = re.findall(r'<input[^>]*name="(?:kanzlei|datenbank)"[^>]*>', response.text)
    assert len(inputs) == 2 and all('required="required"' in i for i in inputs)
