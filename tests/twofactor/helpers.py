"""Helpers of the two-factor tests: a user with a second factor, codes, forms."""

from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.twofactor import store
from kanzlei.akte.twofactor import totp

import pyotp
import re
import requests
import time
import transaction


PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
FIRM = {"kanzlei": "KLXRechtsanwälte", "datenbank": "KLX"}


def enable(portal, userid):
    """Give ``userid`` a second factor directly; (secret, recovery codes)."""
    secret = totp.new_secret()
    codes = totp.new_recovery_codes()
    store.enable(get_plugin(portal), userid, secret, codes)
    transaction.commit()
    return secret, codes


def code(secret, steps_ahead=0):
    """The code of the current step (or one ahead: a step not used yet)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def wrong_code(secret):
    """A six-digit code that is valid in no step of the drift window."""
    valid = {code(secret, k) for k in (-1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def hidden(text, name):
    """The value of the (hidden) input ``name`` in a page."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', text)
    assert tag, name
    return re.search(r'value="([^"]*)"', tag.group(0)).group(1)


def authenticator(session, url):
    return hidden(session.get(url).text, "_authenticator")


def password_step(base_url, login, password=PASSWORD, session=None):
    """POST the login form; (session, response) without following the redirect."""
    session = session or requests.Session()
    data = {"__ac_name": login, "__ac_password": password, "buttons.login": "Anmelden"}
    response = session.post(
        f"{base_url}/login", data=dict(data, **FIRM), allow_redirects=False
    )
    return session, response


def code_step(base_url, session, value):
    url = f"{base_url}/@@anmeldung-bestaetigen"
    data = {"code": value, "form.submitted": "1"}
    data["_authenticator"] = authenticator(session, url)
    return session.post(url, data=data)


def logged_in(session, base_url):
    return "userrole-authenticated" in session.get(base_url).text


def rest_password_step(base_url, login, password=PASSWORD):
    return requests.post(
        f"{base_url}/@login",
        json={"login": login, "password": password},
        headers={"Accept": "application/json"},
    )


def rest_code_step(base_url, token, otp):
    return requests.post(
        f"{base_url}/@login",
        json={"login_token": token, "otp": otp},
        headers={"Accept": "application/json"},
    )
