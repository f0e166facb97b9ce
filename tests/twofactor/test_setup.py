"""Setting up and switching off the second factor, the firm's rule for staff, the
staff's reset of a client's factor; what is stored and what @users shows."""

from html import unescape
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from kanzlei.akte.twofactor import events
from kanzlei.akte.twofactor import store
from plone import api
from tests.twofactor.helpers import authenticator
from tests.twofactor.helpers import code
from tests.twofactor.helpers import code_step
from tests.twofactor.helpers import enable
from tests.twofactor.helpers import hidden
from tests.twofactor.helpers import logged_in
from tests.twofactor.helpers import password_step
from tests.twofactor.helpers import rest_code_step
from tests.twofactor.helpers import rest_password_step
from tests.twofactor.helpers import STAFF_PASSWORD
from tests.twofactor.helpers import wrong_code
from zope.component import getGlobalSiteManager

import pytest
import re
import requests
import transaction


SETUP = "/@@anmeldung-absichern"


@pytest.fixture
def fired():
    """The two-factor events fired while the test runs (in the server thread)."""
    seen = []

    def handler(event):
        seen.append(event)

    gsm = getGlobalSiteManager()
    gsm.registerHandler(handler, (events.ISecondFactorEvent,))
    yield seen
    gsm.unregisterHandler(handler, (events.ISecondFactorEvent,))


def set_up(base_url, session):
    """Through the page: read the secret shown as text, confirm with its code;
    (secret, recovery codes shown)."""
    page = session.get(base_url + SETUP)
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code, inline
    shown = re.search(r'id="akte-2fa-secret"[^>]*>([^<]+)<', page.text).group(1)
    secret = shown.replace(" ", "")
    form = {n: hidden(page.text, n) for n in ("secret", "signature", "_authenticator")}
    form.update({"code": code(secret), "form.confirm": "1"})
    done = session.post(base_url + SETUP, data=form)
    assert "Die Zwei-Faktor-Anmeldung ist eingeschaltet" in done.text
    codes = re.findall(r"<code>([a-z0-9-]{14})</code>", done.text)
    assert len(codes) == 10
    return secret, codes


def test_setup_through_the_page_then_login_needs_the_code(functional, base_url, fired):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    session, _response = password_step(base_url, "mueller")
    assert logged_in(session, base_url)  # no second factor yet: password only
    assert "Anmeldung absichern" in session.get(f"{base_url}/@@meine-daten").text

    # a wrong confirmation code activates nothing
    page = session.get(base_url + SETUP)
    form = {n: hidden(page.text, n) for n in ("secret", "signature", "_authenticator")}
    refused = session.post(
        base_url + SETUP,
        data=dict(form, code=wrong_code(form["secret"]), **{"form.confirm": "1"}),
    )
    assert "Der Code passt nicht" in refused.text
    # a secret the page did not offer (no valid signature) is not taken either
    session.post(
        base_url + SETUP,
        data=dict(
            form, signature="0" * 64, code=code(form["secret"]), **{"form.confirm": "1"}
        ),
    )
    transaction.begin()
    assert not store.is_enabled(get_plugin(portal), "mueller")

    elsewhere, _response = password_step(base_url, "mueller")  # another browser
    secret, codes = set_up(base_url, session)
    assert [type(e) for e in fired] == [events.SecondFactorEnabled]
    # the session in the other browser began with the password alone: it ends
    assert not logged_in(elsewhere, base_url)
    assert logged_in(session, base_url)
    assert fired[0].userid == "mueller"

    # recovery codes only as hashes; the plain codes are nowhere in the record
    transaction.begin()
    record = store.record(get_plugin(portal), "mueller")
    assert len(record["recovery"]) == 10
    assert all(h.startswith("$argon2id$") for h in record["recovery"])
    stored = repr(record)
    assert not any(c in stored or c.replace("-", "") in stored for c in codes)
    # the secret is in no member property
    memberdata = api.portal.get_tool("portal_memberdata")
    member = api.user.get(userid="mueller")
    properties = repr([member.getProperty(p, None) for p in memberdata.propertyIds()])
    assert secret not in properties

    session.get(f"{base_url}/logout")
    session, response = password_step(base_url, "mueller")
    assert "anmeldung-bestaetigen" in response.headers["Location"]
    code_step(base_url, session, code(secret, 1))
    assert logged_in(session, base_url)


def test_switch_off_needs_password_and_code(functional, base_url, fired):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    secret, codes = enable(portal, "mueller")
    session, _response = password_step(base_url, "mueller")
    code_step(base_url, session, code(secret))
    page = session.get(base_url + SETUP)
    assert "Unbenutzte Wiederherstellungscodes" in page.text
    token = authenticator(session, base_url + SETUP)

    def switch_off(password, value):
        data = {"password": password, "code": value, "form.disable": "1"}
        return session.post(base_url + SETUP, data=dict(data, _authenticator=token))

    assert (
        "Passwort ist nicht richtig"
        in switch_off("falsch-falsch", code(secret, 1)).text
    )
    assert (
        "Der Code ist nicht richtig"
        in switch_off("Mandanten-Test-Passwort-2026", wrong_code(secret)).text
    )
    transaction.begin()
    assert store.is_enabled(get_plugin(portal), "mueller")
    done = switch_off("Mandanten-Test-Passwort-2026", codes[0])
    assert "ist ausgeschaltet" in done.text
    transaction.begin()
    assert not store.is_enabled(get_plugin(portal), "mueller")
    assert events.SecondFactorDisabled in [type(e) for e in fired]


def test_firm_requires_it_of_staff(functional, base_url):
    portal = functional["portal"]
    make_staff()
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    api.portal.set_registry_record("kanzlei.akte.second_factor_staff", True)
    transaction.commit()
    session, _response = password_step(base_url, "anwalt", STAFF_PASSWORD)
    page = session.get(f"{base_url}/mandanten")
    assert page.url.endswith(SETUP)
    assert "Die Kanzlei verlangt" in page.text
    # REST too (403 with the German message), with the password's Basic auth
    rest = requests.get(
        f"{base_url}/@search",
        auth=("anwalt", STAFF_PASSWORD),
        headers={"Accept": "application/json"},
    )
    assert rest.status_code == 403
    assert "Zwei-Faktor-Anmeldung" in rest.text
    # clients are not affected by the staff rule
    client, _response = password_step(base_url, "mueller")
    assert not client.get(f"{base_url}/@@meine-daten").url.endswith(SETUP)

    set_up(base_url, session)
    area = session.get(f"{base_url}/mandanten")
    assert area.url.endswith("/mandanten")
    # staff find the page in their personal menu
    assert f'href="{base_url}/@@anmeldung-absichern"' in area.text


def test_staff_reset_a_clients_second_factor(functional, base_url, fired):
    portal = functional["portal"]
    mandant, _mandat = make_client(
        portal, "Müller", "K-100", "100/26", userid="mueller"
    )
    make_client(portal, "Schmidt", "K-200", "200/26", userid="schmidt")
    make_staff()
    transaction.commit()
    secret, _codes = enable(portal, "mueller")
    pending_token = rest_password_step(base_url, "mueller").json()["login_token"]

    staff, _response = password_step(base_url, "anwalt", STAFF_PASSWORD)
    accounts = f"{mandant.absolute_url()}/@@akte-konto-sperren"
    page = staff.get(accounts)
    assert "Zwei-Faktor zurücksetzen" in unescape(page.text)
    # a client may not reset anything
    transaction.commit()
    intruder, _response = password_step(base_url, "schmidt")
    intruder.post(accounts, data={"reset_second_factor": "mueller"})
    transaction.begin()
    assert store.is_enabled(get_plugin(portal), "mueller")

    done = staff.post(
        accounts,
        data={
            "reset_second_factor": "mueller",
            "_authenticator": authenticator(staff, accounts),
        },
    )
    assert "wurde zurückgesetzt" in done.text
    transaction.begin()
    assert not store.is_enabled(get_plugin(portal), "mueller")
    reset = [e for e in fired if isinstance(e, events.SecondFactorReset)]
    assert [(e.userid, e.by) for e in reset] == [("mueller", "anwalt")]
    # the pending login of the old factor is over; the password alone works now
    assert rest_code_step(base_url, pending_token, code(secret)).status_code == 401
    session, _response = password_step(base_url, "mueller")
    assert logged_in(session, base_url)


def test_users_endpoint_shows_no_secret(functional, base_url):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    make_staff()
    api.user.create(
        email="admin@example.org",
        username="chefin",
        password=STAFF_PASSWORD,
        roles=["Manager"],
    )
    transaction.commit()
    secret, _codes = enable(portal, "mueller")
    token = rest_password_step(base_url, "mueller").json()["login_token"]
    jwt = rest_code_step(base_url, token, code(secret)).json()["token"]
    headers = {"Accept": "application/json"}
    as_user = requests.get(
        f"{base_url}/@users/mueller",
        headers=dict(headers, Authorization=f"Bearer {jwt}"),
    )
    as_staff, as_admin = (
        requests.get(
            f"{base_url}/@users/mueller", auth=(who, STAFF_PASSWORD), headers=headers
        )
        for who in ("anwalt", "chefin")
    )
    assert as_staff.status_code == 401  # staff may not read user records at all
    assert as_admin.status_code == 200
    for answer in (as_user, as_staff, as_admin):
        assert answer.status_code in (200, 401), answer.text
        assert secret not in answer.text
        assert secret.lower() not in answer.text.lower()
