"""Fixtures of the hardening tests: clients A and B, staff, documents and messages.

Everything of client B and of the firm's internals carries a marker word
(``GEHEIM``, ``INTERN``) so a test can assert it never reaches client A.
"""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import client_upload
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.services.conftest import CLIENT_PASSWORD
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import requests
import transaction


STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
STAFF_EMAIL = "anwalt@example.org"
STAFF_NAME = "Dr. Anna Anwalt"
B_EMAIL = "mandant-b@example.org"
INTERNAL_COMMENT = "INTERN: Vergleichsangebot nicht weitergeben"


def relation(obj):
    return RelationValue(getUtility(IIntIds).getId(obj))


@pytest.fixture
def firm(functional):
    """Client A (``mandant-a``) and B (``mandant-b``), staff ``anwalt``.

    In A's mandate: a released document, a released document whose history holds an
    internal staff comment, a withdrawn and an internal document; a client message
    whose attachment staff withdrew and a staff message attaching an internal
    document.
    """
    portal = functional["portal"]
    make_staff("anwalt", fullname=STAFF_NAME, email=STAFF_EMAIL)
    mandant_a, mandat_a = make_client(
        portal, "Anna Alpha", "M-A", "101/26", userid="mandant-a"
    )
    mandant_b, mandat_b = make_client(
        portal,
        "Bernd GEHEIM Beta",
        "M-B",
        "201/26",
        userid="mandant-b",
        email=B_EMAIL,
        subject="GEHEIM Verkehrsunfall",
    )
    upload = client_upload(mandat_a, "mandant-a", title="Upload GEHEIM-ZURUECKGEZOGEN")
    with api.env.adopt_roles(["Manager"]):
        released = add_document(mandat_a, title="Klageschrift A")
        commented = add_document(mandat_a, title="Schriftsatz A")
        api.content.transition(
            obj=commented, transition="zurueckziehen", comment=INTERNAL_COMMENT
        )
        api.content.transition(
            obj=commented, transition="freigeben", comment=INTERNAL_COMMENT
        )
        internal = add_document(mandat_a, title="Vermerk INTERN-AKTENNOTIZ")
        api.content.transition(obj=internal, transition="zurueckziehen")
        doc_b = add_document(mandat_b, title="Gutachten GEHEIM-B")
    with api.env.adopt_user(username="mandant-a"):
        client_message = api.content.create(
            container=mandat_a,
            type="Nachricht",
            title="Meine Unterlagen",
            text="Anbei.",
            attachments=[relation(upload), relation(released)],
        )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=upload, transition="zurueckziehen", comment=INTERNAL_COMMENT
        )
        staff_message = api.content.create(
            container=mandat_a,
            type="Nachricht",
            title="Unser Schreiben",
            text="Siehe Anlage.",
            attachments=[relation(internal), relation(released)],
        )
    transaction.commit()
    return {
        "portal": portal,
        "mandant_a": mandant_a,
        "mandat_a": mandat_a,
        "mandant_b": mandant_b,
        "mandat_b": mandat_b,
        "upload": upload,
        "released": released,
        "commented": commented,
        "internal": internal,
        "doc_b": doc_b,
        "client_message": client_message,
        "staff_message": staff_message,
    }


def session(auth=None):
    http = requests.Session()
    if auth:
        http.auth = auth
    return http


@pytest.fixture
def client_a(firm):
    """Client A over HTTP Basic auth (the same PAS checks as the login form)."""
    with session(("mandant-a", CLIENT_PASSWORD)) as http:
        yield http


@pytest.fixture
def anonymous(firm):
    with session() as http:
        yield http


@pytest.fixture
def staff(firm):
    with session(("anwalt", STAFF_PASSWORD)) as http:
        yield http


@pytest.fixture
def manager(firm):
    with session((SITE_OWNER_NAME, SITE_OWNER_PASSWORD)) as http:
        yield http


def visitors():
    """Parameter ids of the visitors who must learn nothing: a client, anonymous."""
    return pytest.mark.parametrize("visitor", ["client_a", "anonymous"], indirect=True)


@pytest.fixture
def visitor(request):
    return request.getfixturevalue(request.param)


def json_get(http, url, **params):
    return http.get(url, params=params, headers={"Accept": "application/json"})


def refused(response):
    """The portal refused: an error status, or Plone's login / no-access page."""
    return (
        response.status_code in (401, 403, 404)
        or "require_login" in response.url
        or "/login" in response.url
        or "insufficient-privileges" in response.url
    )
