"""Fixtures of the input-hardening tests (uploads, CSRF, errors): import them.

``portal_s``: client A (user ``mandant_a``, mandate ``1/26`` with an internal and a
released document), the lawyer ``anwalt`` and the firm admin ``kanzleiadmin``
(Site Administrator + Kanzlei), all committed.
"""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from tests.login.conftest import form_login
from types import SimpleNamespace

import pytest
import transaction


STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"


@pytest.fixture
def portal_s(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        make_staff("anwalt")
        make_staff("kanzleiadmin", fullname="Kai Admin", email="admin@example.org")
        api.user.grant_roles(username="kanzleiadmin", roles=["Site Administrator"])
        mandant, mandat = make_client(
            portal, "Anna Alpha", "10001", "1/26", userid="mandant_a"
        )
        released = add_document(mandat, title="Klageschrift", filename="klage.pdf")
        internal = add_document(mandat, title="Vermerk", filename="vermerk.pdf")
        api.content.transition(obj=internal, transition="zurueckziehen")
    transaction.commit()
    return SimpleNamespace(
        portal=portal,
        mandant=mandant,
        mandat=mandat,
        released=released,
        internal=internal,
    )


@pytest.fixture
def cookie_session(base_url, portal_s):
    """cookie_session(userid): a requests.Session logged in by the login form
    (only the ``__ac`` cookie authenticates it, as in a browser)."""

    def login(userid, password=STAFF_PASSWORD):
        session, response = form_login(base_url, userid, password)
        assert "__ac" in session.cookies, response.text[:500]
        return session

    return login


def url_of(base_url, obj):
    return base_url + "/" + "/".join(obj.getPhysicalPath()[2:])
