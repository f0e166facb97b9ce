"""Deleting an account removes every trace, and its id is never given to anyone else.

The hole this closes: a client user ``mueller`` of Mandant A is deleted through Plone's
user management; later someone registers as ``mueller`` through Mandant B's
invitation and got the ``Mandant`` role on A's files (the local-role provider grants
by user id and nothing unlinked the deleted user).
"""

from .conftest import GOOD_PASSWORD
from .conftest import invited_client
from .conftest import submit
from .conftest import sync
from kanzlei.akte import readstate
from kanzlei.akte.accounts import tombstones
from kanzlei.akte.accounts.links import mandanten_for_user
from kanzlei.akte.mail import preferences
from kanzlei.akte.pas import compat
from kanzlei.akte.pas.lookup import get_token_plugin
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import html
import pytest
import re
import requests
import transaction


CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"
ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
SECRET_A = "Räumungsklage Geheim-A"


@pytest.fixture
def mueller_of_a(functional):
    """Client A with a shared document and its user ``mueller`` with traces."""
    portal = functional["portal"]
    mandant, mandat = make_client(
        portal, "Anton Mueller", "A-1", "1/26", userid="mueller", subject=SECRET_A
    )
    doc = add_document(mandat, title=f"{SECRET_A} Schriftsatz")
    preferences.set_preference("mueller", preferences.TAEGLICH)
    readstate.mark_opened("mueller", [api.content.get_uuid(doc)])
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_password_reset").requestReset("mueller")
    get_token_plugin(portal).create_token("mueller", "Test")
    transaction.commit()
    return mandant, mandat, doc


def jwt_login(base_url, login, password):
    response = requests.post(
        f"{base_url}/@login",
        json={"login": login, "password": password},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    return response.json()["token"]


def assert_no_trace(portal, userid, mandant):
    sync()
    assert userid not in (mandant.portal_users or {})
    assert mandanten_for_user(userid) == []
    assert preferences.get_preference(userid)["chosen"] is False
    assert dict(readstate.opened(userid)) == {}
    tool = api.portal.get_tool("portal_password_reset")
    assert all(user != userid for user, _ in compat.reset_requests(tool).values())
    assert not compat.has_jwt_tokens(portal.acl_users.jwt_auth, userid)
    tokens = [
        t for t in get_token_plugin(portal).list_tokens() if t["userid"] == userid
    ]
    assert tokens and all(t["revoked"] for t in tokens)
    assert tombstones.is_buried(userid)


def test_delete_users_over_rest_removes_every_trace(functional, base_url, mueller_of_a):
    portal = functional["portal"]
    mandant, _mandat, _doc = mueller_of_a
    jwt = jwt_login(base_url, "mueller", CLIENT_PASSWORD)
    response = requests.delete(
        f"{base_url}/@users/mueller", auth=ADMIN, headers={"Accept": "application/json"}
    )
    assert response.status_code == 204, response.text
    assert_no_trace(portal, "mueller", mandant)
    # the old JWT opens nothing any more
    search = requests.get(
        f"{base_url}/@search",
        params={"SearchableText": "Geheim-A"},
        headers={"Accept": "application/json", "Authorization": f"Bearer {jwt}"},
    )
    assert search.status_code == 401 or search.json()["items_total"] == 0


def test_reused_username_gets_nothing_of_the_old_client(
    functional, base_url, mueller_of_a
):
    portal = functional["portal"]
    mandant_a, mandat_a, doc_a = mueller_of_a
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="mueller")  # Plone's user management does this
    b = invited_client(portal, "Berta Braun", "B-1", "2/26", email="berta@example.org")
    transaction.commit()

    # The registration page refuses the deleted account's id, keeps what was typed.
    _session, response = submit(base_url, b.token, b.code, "mueller", GOOD_PASSWORD)
    page = html.unescape(response.text)
    assert response.status_code == 200
    assert "nicht verfügbar" in page
    assert 'value="mueller"' in page
    sync()
    assert api.user.get(userid="mueller") is None

    # Plone's own ways to make users refuse it too (REST as the site admin).
    created = requests.post(
        f"{base_url}/@users",
        auth=ADMIN,
        headers={"Accept": "application/json"},
        json={
            "username": "mueller",
            "email": "x@example.org",
            "password": GOOD_PASSWORD,
        },
    )
    assert created.status_code == 400
    assert "nicht verfügbar" in created.json()["error"]["message"]
    sync()
    assert api.user.get(userid="mueller") is None

    # The new person registers under another name and sees only B, never A.
    session, response = submit(base_url, b.token, b.code, "mueller2", GOOD_PASSWORD)
    assert response.status_code == 302
    overview = session.get(f"{base_url}/@@meine-akte")
    assert overview.status_code == 200
    assert "Geheim-A" not in overview.text
    for url in (mandat_a.absolute_url(), doc_a.absolute_url() + "/@@akte-datei"):
        denied = session.get(url, allow_redirects=False)
        assert denied.status_code in (302, 401, 403, 404)
        assert "Geheim-A" not in denied.text
    rest = session.get(
        f"{base_url}/@search",
        params={"SearchableText": "Geheim-A"},
        headers={"Accept": "application/json"},
    )
    assert rest.status_code == 200
    assert rest.json()["items_total"] == 0
    assert rest.json()["items"] == []
    sync()
    assert set(mandant_a.portal_users or {}) == set()


def test_staff_button_zugang_loeschen(functional, base_url, mueller_of_a):
    portal = functional["portal"]
    mandant, _mandat, _doc = mueller_of_a
    make_staff()
    transaction.commit()
    staff = requests.Session()
    staff.auth = ("anwalt", "Kanzlei-Test-Passwort-2026")
    url = mandant.absolute_url() + "/@@akte-konto-sperren"
    page = staff.get(url)
    assert "Zugang löschen" in html.unescape(page.text)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
    response = staff.post(url, data={"delete": "mueller", "_authenticator": token})
    assert response.status_code == 200
    assert "Der Zugang wurde gelöscht" in html.unescape(response.text)
    sync()
    assert api.user.get(userid="mueller") is None
    assert_no_trace(portal, "mueller", mandant)


def test_staff_button_never_deletes_a_staff_account(functional, base_url):
    portal = functional["portal"]
    mandant, _ = make_client(portal, "Carl C", "C-1", "3/26")
    make_staff()
    make_staff("sekretariat", "Sekretariat", "sek@example.org")
    with api.env.adopt_roles(["Manager"]):
        from kanzlei.akte.accounts.links import link_user

        link_user(mandant, "sekretariat")  # a mistake staff could make
    transaction.commit()
    staff = requests.Session()
    staff.auth = ("anwalt", "Kanzlei-Test-Passwort-2026")
    url = mandant.absolute_url() + "/@@akte-konto-sperren"
    page = staff.get(url)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
    staff.post(url, data={"delete": "sekretariat", "_authenticator": token})
    sync()
    assert api.user.get(userid="sekretariat") is not None
    assert "sekretariat" not in (mandant.portal_users or {})
