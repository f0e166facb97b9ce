"""Disabled accounts and unticked online_access: no login, running sessions end;
staff views are staff-only."""

from .conftest import form_login
from .conftest import is_logged_in
from .conftest import PASSWORD
from kanzlei.akte.accounts import failures
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import re
import requests
import transaction


GENERIC = "Die Anmeldung ist fehlgeschlagen"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"


def _setup(portal):
    mandant_a, _ = make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    mandant_b, _ = make_client(portal, "Schmidt", "K-200", "200/26", userid="schmidt")
    make_staff()
    transaction.commit()
    return mandant_a, mandant_b


def _token(session, base_url):
    html = session.get(f"{base_url}/@@change-password").text
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def _jwt_works(base_url, token, userid="mueller"):
    response = requests.get(
        f"{base_url}/@users/{userid}",
        headers={**JSON, "Authorization": f"Bearer {token}"},
    )
    return response.status_code == 200


def _url(obj, base_url):
    return obj.absolute_url().replace("http://nohost/plone", base_url)


def _set_disabled(session, base_url, mandant, userid, disabled):
    return session.post(
        _url(mandant, base_url) + "/@@akte-konto-sperren",
        data={
            "userid": userid,
            "disabled": "1" if disabled else "0",
            "_authenticator": _token(session, base_url),
        },
    )


def test_staff_disables_and_enables_account(functional, base_url):
    mandant_a, _ = _setup(functional["portal"])
    client, _ = form_login(base_url, "mueller", PASSWORD)
    token = requests.post(
        f"{base_url}/@login",
        json={"login": "mueller", "password": PASSWORD},
        headers=JSON,
    ).json()["token"]
    assert is_logged_in(client, base_url) and _jwt_works(base_url, token)

    staff, _ = form_login(base_url, "anwalt", STAFF_PASSWORD)
    page = staff.get(_url(mandant_a, base_url) + "/@@akte-konto-sperren").text
    assert "mueller" in page and "Sperren" in page
    response = _set_disabled(staff, base_url, mandant_a, "mueller", True)
    assert "Das Konto ist gesperrt" in response.text
    assert "Freischalten" in response.text  # the list now offers to enable it
    # running session and token end at once; no new login on any path
    assert not is_logged_in(client, base_url)
    assert not _jwt_works(base_url, token)
    session, response = form_login(base_url, "mueller", PASSWORD)
    assert GENERIC in response.text and not is_logged_in(session, base_url)
    rest = requests.post(
        f"{base_url}/@login",
        json={"login": "mueller", "password": PASSWORD},
        headers=JSON,
    )
    assert rest.status_code == 401
    basic = requests.get(
        f"{base_url}/@users/mueller", auth=("mueller", PASSWORD), headers=JSON
    )
    assert basic.status_code == 401

    response = _set_disabled(staff, base_url, mandant_a, "mueller", False)
    assert "wieder freigeschaltet" in response.text
    session, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(session, base_url)


def test_unticked_online_access_refuses_login(functional, base_url):
    mandant_a, _ = _setup(functional["portal"])
    with api.env.adopt_roles(["Manager"]):
        mandant_a.online_access = False
        mandant_a.reindexObjectSecurity()
    transaction.commit()
    session, response = form_login(base_url, "mueller", PASSWORD)
    assert GENERIC in response.text and not is_logged_in(session, base_url)
    with api.env.adopt_roles(["Manager"]):
        mandant_a.online_access = True
        mandant_a.reindexObjectSecurity()
    transaction.commit()
    session, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(session, base_url)


def test_clients_cannot_use_staff_actions(functional, base_url):
    mandant_a, _ = _setup(functional["portal"])
    other, _ = form_login(base_url, "schmidt", PASSWORD)
    response = _set_disabled(other, base_url, mandant_a, "mueller", True)
    assert "Das Konto ist gesperrt" not in response.text
    page = other.get(_url(mandant_a, base_url) + "/@@akte-konto-sperren")
    assert "mueller" not in page.text and "Müller" not in page.text
    transaction.begin()
    assert not mandant_a.portal_users["mueller"]["disabled"]
    # the lockout list is staff-only too (it names logins)
    for _ in range(10):
        form_login(base_url, "mueller", "falsch")
    failures.reset_ip_counters()
    page = other.get(f"{base_url}/@@akte-anmeldesperren")
    assert "mueller" not in page.text
    assert "Gesperrte Anmeldungen" not in page.text


def test_staff_lifts_lockout_in_list(functional, base_url):
    _setup(functional["portal"])
    for _ in range(10):
        form_login(base_url, "mueller", "falsch")
    failures.reset_ip_counters()
    staff, _ = form_login(base_url, "anwalt", STAFF_PASSWORD)
    url = f"{base_url}/@@akte-anmeldesperren"
    page = staff.get(url).text
    assert "mueller" in page
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = staff.post(
        url, data={"login": "mueller", "form.unlock": "1", "_authenticator": token}
    )
    assert "Die Sperre wurde aufgehoben." in response.text
    session, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(session, base_url)


def test_staff_lifts_lockout_on_mandant_page(functional, base_url):
    mandant_a, _ = _setup(functional["portal"])
    for _ in range(10):
        form_login(base_url, "mueller", "falsch")
    failures.reset_ip_counters()
    staff, _ = form_login(base_url, "anwalt", STAFF_PASSWORD)
    url = _url(mandant_a, base_url) + "/@@akte-konto-sperren"
    page = staff.get(url).text
    assert "vorübergehend gesperrt" in page
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = staff.post(url, data={"unlock": "mueller", "_authenticator": token})
    assert "Die Sperre wurde aufgehoben." in response.text
    assert "vorübergehend gesperrt" not in response.text
    session, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(session, base_url)
