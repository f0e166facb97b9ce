from kanzlei.akte.accounts import invitations
from kanzlei.akte.testing import make_client
from plone import api
from types import SimpleNamespace

import pytest
import re
import requests
import transaction


GOOD_PASSWORD = "Sonnige Wiese am Fluss 7"


def invited_client(
    portal,
    name="Erika Mustermann",
    number="M-100",
    file_number="100/26",
    email="erika@example.org",
):
    """A Mandant with online_access, an open invitation; token and code in clear."""
    mandant, mandat = make_client(portal, name, number, file_number, email=email)
    with api.env.adopt_roles(["Manager"]):
        invitation, token, code = invitations.create_invitation(mandant)
    return SimpleNamespace(
        mandant=mandant, mandat=mandat, invitation=invitation, token=token, code=code
    )


@pytest.fixture
def erika(functional):
    client = invited_client(functional["portal"])
    transaction.commit()
    return client


def authenticator(html):
    match = (
        re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html)
        or re.search(r'value="([^"]+)"[^>]*name="_authenticator"', html)
        or re.search(r'data-token="([^"]+)"[^>]*id="protect-script"', html)
    )
    assert match, "no CSRF authenticator in the form"
    return match.group(1)


def open_form(base_url, token, session=None):
    session = session or requests.Session()
    response = session.get(f"{base_url}/@@registrierung", params={"token": token})
    return session, response


def submit(base_url, token, code, username, password, password2=None, session=None):
    """Open the registration page like a browser and submit it; returns the response."""
    session, page = open_form(base_url, token, session)
    data = {
        "token": token,
        "code": code,
        "username": username,
        "password": password,
        "password2": password if password2 is None else password2,
        "form.submitted": "1",
    }
    if 'name="_authenticator"' in page.text:
        data["_authenticator"] = authenticator(page.text)
    response = session.post(
        f"{base_url}/@@registrierung", data=data, allow_redirects=False
    )
    return session, response


def sync():
    """See what the WSGI server thread committed."""
    transaction.abort()
    transaction.begin()
