"""argon2 hashes (new users, set password, upgrade at login); password change and
reset end the user's other sessions and REST tokens."""

from .conftest import form_login
from .conftest import PASSWORD
from AuthEncoding import AuthEncoding
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD

import re
import requests
import transaction


NEW_PASSWORD = "Vier grüne Ziegen tanzen leise"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
RESET_SENT = "Wenn ein Konto zu dieser Angabe existiert"


def _stored(portal, userid):
    transaction.begin()
    return (
        portal.acl_users.source_users._user_passwords[userid].decode()
        if isinstance(portal.acl_users.source_users._user_passwords[userid], bytes)
        else portal.acl_users.source_users._user_passwords[userid]
    )


def _client(portal):
    make_client(
        portal,
        "Müller",
        "K-100",
        "100/26",
        userid="mueller",
        email="mueller@example.org",
    )
    transaction.commit()


def _authenticator(session, url):
    html = session.get(url).text
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def _authenticated(session, base_url):
    return "userrole-authenticated" in session.get(base_url).text


def _jwt(base_url, password=PASSWORD):
    response = requests.post(
        f"{base_url}/@login",
        json={"login": "mueller", "password": password},
        headers=JSON,
    )
    assert response.status_code == 200
    return response.json()["token"]


def _jwt_works(base_url, token):
    response = requests.get(
        f"{base_url}/@users/mueller",
        headers={**JSON, "Authorization": f"Bearer {token}"},
    )
    return response.status_code == 200


def test_new_and_changed_passwords_are_argon2(functional):
    portal = functional["portal"]
    _client(portal)
    assert _stored(portal, "mueller").startswith("{ARGON2}$argon2id$")
    portal.acl_users.userSetPassword("mueller", NEW_PASSWORD)
    transaction.commit()
    assert _stored(portal, "mueller").startswith("{ARGON2}$argon2id$")


def test_old_ssha_hash_upgraded_at_login(functional, base_url):
    portal = functional["portal"]
    # a user from before kanzlei.akte: Zope's default salted SHA-1
    source = portal.acl_users.source_users
    source._user_passwords[TEST_USER_ID] = AuthEncoding.pw_encrypt(
        TEST_USER_PASSWORD, "SSHA"
    )
    transaction.commit()
    assert _stored(portal, TEST_USER_ID).startswith("{SSHA}")
    response = requests.post(
        f"{base_url}/@login",
        json={"login": TEST_USER_NAME, "password": TEST_USER_PASSWORD},
        headers=JSON,
    )
    assert response.status_code == 200
    assert _stored(portal, TEST_USER_ID).startswith("{ARGON2}$argon2id$")
    # and the upgraded hash still works
    session, _ = form_login(base_url, TEST_USER_NAME, TEST_USER_PASSWORD)
    assert _authenticated(session, base_url)


def test_change_password_ends_other_sessions_and_tokens(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    browser_a, _ = form_login(base_url, "mueller", PASSWORD)
    browser_b, _ = form_login(base_url, "mueller", PASSWORD)
    token = _jwt(base_url)
    assert _authenticated(browser_b, base_url) and _jwt_works(base_url, token)

    url = f"{base_url}/@@change-password"
    form = {"_authenticator": _authenticator(browser_a, url), "form.submitted": "1"}
    # refusals first: wrong current password, mismatch, too simple
    response = browser_a.post(
        url,
        data={
            **form,
            "current": "falsch",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert "Das aktuelle Passwort ist nicht richtig." in response.text
    response = browser_a.post(
        url,
        data={
            **form,
            "current": PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": "anders",
        },
    )
    assert "stimmen nicht überein" in response.text
    response = browser_a.post(
        url,
        data={
            **form,
            "current": PASSWORD,
            "password": "12345678",
            "password_confirm": "12345678",
        },
    )
    assert "alert-danger" in response.text
    assert _authenticated(browser_b, base_url)  # nothing changed yet

    response = browser_a.post(
        url,
        data={
            **form,
            "current": PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert "Ihr Passwort wurde geändert" in response.text
    assert _authenticated(browser_a, base_url)  # this browser stays logged in
    assert not _authenticated(browser_b, base_url)
    assert not _jwt_works(base_url, token)
    assert _stored(portal, "mueller").startswith("{ARGON2}")
    session, _ = form_login(base_url, "mueller", NEW_PASSWORD)
    assert _authenticated(session, base_url)


def test_change_password_needs_login(functional, base_url):
    response = requests.get(f"{base_url}/@@change-password", allow_redirects=False)
    assert response.status_code in (302, 401)


def test_reset_by_mail_single_use_expiring_no_enumeration(
    functional, base_url, smtp_sink
):
    portal = functional["portal"]
    _client(portal)
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    other_browser, _ = form_login(base_url, "mueller", PASSWORD)
    token = _jwt(base_url)

    anonymous = requests.Session()
    help_url = f"{base_url}/@@login-help"
    data = {
        "_authenticator": _authenticator(anonymous, help_url),
        "form.submitted": "1",
    }
    unknown = anonymous.post(help_url, data={**data, "name": "niemand@example.org"})
    known = anonymous.post(help_url, data={**data, "name": "mueller@example.org"})
    assert RESET_SENT in unknown.text and RESET_SENT in known.text
    # Wait for a second mail too (it could come late): only the known address gets one.
    messages = smtp_sink.wait_for(2, timeout=3)
    assert len(messages) == 1
    rcpts, mail = messages[0]
    assert rcpts == ["mueller@example.org"]
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "24 Stunden" in body
    link = re.search(r"(http\S+/passwordreset/\S+)", body).group(1)
    # Plone's old form tells nothing either: it sends people to our form
    old = requests.post(
        f"{base_url}/mail_password", data={"userid": "niemand"}, allow_redirects=False
    )
    assert old.status_code == 302 and "login-help" in old.headers["Location"]

    browser = requests.Session()
    form = {"_authenticator": _authenticator(browser, link), "form.submitted": "1"}
    weak = browser.post(
        link, data={**form, "password": "aaaaaaaa", "password_confirm": "aaaaaaaa"}
    )
    assert "alert-danger" in weak.text
    done = browser.post(
        link, data={**form, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    )
    assert done.url.endswith("/login")
    assert "Ihr neues Passwort ist gespeichert" in done.text
    # single use
    again = browser.get(link)
    assert again.status_code == 404 and "ungültig" in again.text
    # other sessions and tokens are gone; the new password works
    assert not _authenticated(other_browser, base_url)
    assert not _jwt_works(base_url, token)
    session, _ = form_login(base_url, "mueller", NEW_PASSWORD)
    assert _authenticated(session, base_url)
    assert _stored(portal, "mueller").startswith("{ARGON2}")


def test_reset_link_expires(functional, base_url):
    portal = functional["portal"]
    _client(portal)
    tool = api.portal.get_tool("portal_password_reset")
    assert tool.getExpirationTimeout() == 1  # one day
    key = tool.requestReset("mueller")["randomstring"]
    transaction.commit()
    assert requests.get(f"{base_url}/passwordreset/{key}").status_code == 200
    userid, expiry = tool._requests[key]
    import datetime

    tool._requests[key] = (userid, expiry - datetime.timedelta(days=2))
    transaction.commit()
    response = requests.get(f"{base_url}/passwordreset/{key}")
    assert response.status_code == 404
    assert "abgelaufen" in response.text


def test_rest_reset_request_tells_nothing(functional, base_url, smtp_sink):
    portal = functional["portal"]
    _client(portal)
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    unknown = requests.post(
        f"{base_url}/@users/niemand/reset-password", json={}, headers=JSON
    )
    known = requests.post(
        f"{base_url}/@users/mueller/reset-password", json={}, headers=JSON
    )
    assert unknown.status_code == known.status_code == 204
    # asking again right away sends no second mail (no mail flooding)
    again = requests.post(
        f"{base_url}/@users/mueller/reset-password", json={}, headers=JSON
    )
    assert again.status_code == 204
    messages = smtp_sink.wait_for(2, timeout=3)
    assert [rcpts for rcpts, _ in messages] == [["mueller@example.org"]]
    body = messages[0][1].get_body(preferencelist=("plain",)).get_content()
    key = re.search(r"/passwordreset/(\S+)", body).group(1)
    weak = requests.post(
        f"{base_url}/@users/mueller/reset-password",
        json={"reset_token": key, "new_password": "12345678"},
        headers=JSON,
    )
    assert weak.status_code == 400
    ok = requests.post(
        f"{base_url}/@users/mueller/reset-password",
        json={"reset_token": key, "new_password": NEW_PASSWORD},
        headers=JSON,
    )
    assert ok.status_code in (200, 204)
    again = requests.post(
        f"{base_url}/@users/mueller/reset-password",
        json={"reset_token": key, "new_password": NEW_PASSWORD + "!"},
        headers=JSON,
    )
    assert again.status_code == 403  # single use
    assert _stored(portal, "mueller").startswith("{ARGON2}")
