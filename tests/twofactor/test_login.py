"""Two-factor login over HTTP: the form's second step, @login in two steps, no way
around it (Basic auth), wrong codes locked out like wrong passwords, recovery codes
once."""

from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.testing import make_client
from plone import api
from tests.twofactor.helpers import authenticator
from tests.twofactor.helpers import code
from tests.twofactor.helpers import code_step
from tests.twofactor.helpers import enable
from tests.twofactor.helpers import FIRM
from tests.twofactor.helpers import logged_in
from tests.twofactor.helpers import PASSWORD
from tests.twofactor.helpers import password_step
from tests.twofactor.helpers import rest_code_step
from tests.twofactor.helpers import rest_password_step
from tests.twofactor.helpers import wrong_code

import pytest
import requests
import transaction


@pytest.fixture
def client_2fa(functional):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    secret, codes = enable(portal, "mueller")
    return {"portal": portal, "secret": secret, "codes": codes}


def test_form_login_asks_for_the_code(client_2fa, base_url):
    session, response = password_step(base_url, "mueller")
    # a right password alone: no session cookie, the second step instead
    assert response.status_code == 302
    assert response.headers["Location"].startswith(
        f"{base_url}/@@anmeldung-bestaetigen"
    )
    assert "__ac" not in session.cookies
    assert "akte_2fa" in session.cookies
    assert not logged_in(session, base_url)

    page = session.get(f"{base_url}/@@anmeldung-bestaetigen")
    assert "Code aus Ihrer Authenticator-App" in page.text

    refused = code_step(base_url, session, wrong_code(client_2fa["secret"]))
    assert refused.status_code == 401
    assert "Der Code ist nicht richtig" in refused.text
    assert not logged_in(session, base_url)

    done = code_step(base_url, session, code(client_2fa["secret"]))
    assert "/mandanten/" in done.url  # the client's mandate ("Meine Online-Akte")
    assert logged_in(session, base_url)
    # the same code is not accepted a second time (replay)
    again, _response = password_step(base_url, "mueller")
    assert "Der Code ist nicht richtig" in (
        code_step(base_url, again, code(client_2fa["secret"])).text
    )


def test_second_step_without_password_step_is_refused(client_2fa, base_url):
    session = requests.Session()
    response = session.get(f"{base_url}/@@anmeldung-bestaetigen")
    assert response.url.endswith("/login")
    assert "Die Anmeldung ist abgelaufen" in response.text
    # a forged pending cookie (unsigned "password ok") is worthless
    session.cookies.set("akte_2fa", "bXVlbGxlcgo5OTk5OTk5OTk5.00")
    response = session.get(f"{base_url}/@@anmeldung-bestaetigen")
    assert response.url.endswith("/login")


def test_recovery_code_works_once(client_2fa, base_url):
    recovery = client_2fa["codes"][3]
    session, _response = password_step(base_url, "mueller")
    code_step(base_url, session, recovery.upper())  # typed in capitals: fine
    assert logged_in(session, base_url)
    session, _response = password_step(base_url, "mueller")
    refused = code_step(base_url, session, recovery)
    assert "Der Code ist nicht richtig" in refused.text
    assert not logged_in(session, base_url)


def test_rest_login_in_two_steps(client_2fa, base_url):
    first = rest_password_step(base_url, "mueller")
    assert first.status_code == 401
    body = first.json()
    assert body["error"]["type"] == "Second factor required"
    assert "Authenticator-App" in body["error"]["message"]
    assert "token" not in body
    token = body["login_token"]

    wrong = rest_code_step(base_url, token, wrong_code(client_2fa["secret"]))
    assert wrong.status_code == 401
    assert wrong.json()["error"]["type"] == "Invalid second factor"
    forged = rest_code_step(base_url, token[:-2] + "00", code(client_2fa["secret"]))
    assert forged.status_code == 401
    assert forged.json()["error"]["type"] == "Invalid login token"

    done = rest_code_step(base_url, token, code(client_2fa["secret"]))
    assert done.status_code == 200, done.text
    jwt = done.json()["token"]
    me = requests.get(
        f"{base_url}/@users/mueller",
        headers={"Accept": "application/json", "Authorization": f"Bearer {jwt}"},
    )
    assert me.status_code == 200
    # what @users shows the user: nothing of the second factor
    assert client_2fa["secret"] not in me.text
    assert "second_factor" not in me.text


def test_basic_auth_with_the_password_alone_is_refused(client_2fa, base_url):
    make_client(client_2fa["portal"], "Ohne", "K-101", "101/26", userid="ohne")
    transaction.commit()
    headers = {"Accept": "application/json"}
    control = requests.get(
        f"{base_url}/@users/ohne", auth=("ohne", PASSWORD), headers=headers
    )
    assert control.status_code == 200
    refused = requests.get(
        f"{base_url}/@users/mueller", auth=("mueller", PASSWORD), headers=headers
    )
    assert refused.status_code == 401
    page = requests.get(f"{base_url}/@@meine-akte", auth=("mueller", PASSWORD))
    assert "userrole-authenticated" not in page.text
    # nor PAS's own cookie login entry point
    session = requests.Session()
    session.post(
        f"{base_url}/acl_users/credentials_cookie_auth/login",
        data=dict(FIRM, __ac_name="mueller", __ac_password=PASSWORD),
    )
    assert "__ac" not in session.cookies
    assert not logged_in(session, base_url)


def test_wrong_codes_lock_the_account(client_2fa, base_url):
    portal = client_2fa["portal"]
    api.portal.set_registry_record("kanzlei.akte.login.max_failures", 3)
    transaction.commit()
    secret = client_2fa["secret"]
    session, _response = password_step(base_url, "mueller")
    for _attempt in range(2):
        assert (
            "Der Code ist nicht richtig"
            in code_step(base_url, session, wrong_code(secret)).text
        )
    locked = code_step(base_url, session, wrong_code(secret))
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in locked.text
    transaction.begin()
    assert lockout.locked_until(get_plugin(portal), "mueller")
    # locked: neither the password nor a right code gets in now, form or REST
    _session, response = password_step(base_url, "mueller")
    assert "Location" not in response.headers
    assert "Zu viele fehlgeschlagene" in response.text
    token_answer = rest_password_step(base_url, "mueller").json()
    assert "login_token" not in token_answer


def test_right_password_does_not_clear_the_code_failures(client_2fa, base_url):
    """Guessing codes, then the password again, must not start a new count."""
    api.portal.set_registry_record("kanzlei.akte.login.max_failures", 3)
    transaction.commit()
    secret = client_2fa["secret"]
    for _round in range(3):
        session, _response = password_step(base_url, "mueller")
        code_step(base_url, session, wrong_code(secret))
    transaction.begin()
    assert lockout.locked_until(get_plugin(client_2fa["portal"]), "mueller")


def test_root_login_goes_to_the_second_step(client_2fa, base_url):
    root_url = base_url.removesuffix("/plone")
    session = requests.Session()
    response = session.post(
        f"{root_url}/@@akte-login",
        data=dict(
            FIRM, __ac_name="mueller", __ac_password=PASSWORD, **{"form.submitted": "1"}
        ),
        allow_redirects=False,
    )
    assert response.headers["Location"] == f"{base_url}/@@anmeldung-bestaetigen"
    assert "__ac" not in session.cookies
    code_step(base_url, session, code(client_2fa["secret"]))
    assert logged_in(session, base_url)


def test_password_reset_does_not_skip_the_second_factor(client_2fa, base_url):
    new = "Neues-Mandanten-Passwort-2027"
    tool = api.portal.get_tool("portal_password_reset")
    key = tool.requestReset("mueller")["randomstring"]
    transaction.commit()
    session = requests.Session()
    url = f"{base_url}/passwordreset/{key}"
    response = session.post(
        url,
        data={
            "password": new,
            "password_confirm": new,
            "form.submitted": "1",
            "_authenticator": authenticator(session, url),
        },
    )
    assert response.url.endswith("/login")
    assert not logged_in(session, base_url)
    _session, response = password_step(base_url, "mueller", new)
    assert "anmeldung-bestaetigen" in response.headers["Location"]
