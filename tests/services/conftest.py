"""Fixtures of the integration API tests: an integration account, a client, helpers."""

from kanzlei.akte.pas.lookup import get_token_plugin as get_plugin
from kanzlei.akte.testing import make_client
from plone import api

import pytest
import requests
import transaction


INTEGRATION_USER = "kanzleisoftware"
INTEGRATION_PASSWORD = "Integration-Test-Passwort-2026"
CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"


@pytest.fixture
def portal_f(functional):
    return functional["portal"]


@pytest.fixture
def integration_user(portal_f):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="software@example.org",
            username=INTEGRATION_USER,
            password=INTEGRATION_PASSWORD,
            roles=("Integration", "Member"),
        )
    transaction.commit()
    return INTEGRATION_USER


@pytest.fixture
def api_token(portal_f, integration_user):
    """A clear API token of the integration account (made as the admin page does)."""
    plugin = get_plugin(portal_f)
    _token_id, token = plugin.create_token(integration_user, "Kanzleisoftware")
    transaction.commit()
    return token


@pytest.fixture
def api_session(base_url, api_token):
    """requests.Session of the law-office software, authenticated by its API token."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {api_token}"
    session.headers["Accept"] = "application/json"
    yield session
    session.close()


@pytest.fixture
def two_clients(portal_f):
    """Client A (user ``mandant_a``) and B (user ``mandant_b``), one mandate each."""
    a = make_client(portal_f, "Anna Alpha", "10001", "1/26", userid="mandant_a")
    b = make_client(portal_f, "Bernd Beta", "10002", "2/26", userid="mandant_b")
    transaction.commit()
    return a, b


@pytest.fixture
def client_http(portal_f):
    """client_http(userid): a requests.Session of that client user (JWT)."""
    return lambda userid: client_session(portal_f, userid)


def client_session(portal, userid):
    """A client's session with a real plone.restapi JWT (as @login would issue)."""
    token = portal.acl_users.jwt_auth.create_token(userid)
    transaction.commit()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.headers["Accept"] = "application/json"
    return session
