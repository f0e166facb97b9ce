"""The login cookies as a browser gets them (issue 11, section 3): ``HttpOnly``
(no script reads them), ``SameSite=Lax`` (not sent with cross-site POSTs, still
with a link from an e-mail) and, in production (``AKTE_SECURE_COOKIES=1``, which
the instance writes into plone.session's ``secure``), ``Secure``."""

from .conftest import form_login
from .conftest import PASSWORD
from kanzlei.akte.instance.bootstrap import apply_cookie_settings
from kanzlei.akte.instance.config import Settings
from kanzlei.akte.testing import make_client
from pathlib import Path

import transaction


def set_cookie_headers(base_url):
    _, response = form_login(base_url, "mueller", PASSWORD)
    first = (response.history or [response])[0]  # the answer to the login POST
    headers = first.raw.headers.getlist("Set-Cookie")
    return {h.split("=", 1)[0]: h for h in headers}


def flags(header):
    return {
        part.strip().split("=")[0].lower(): part.strip() for part in header.split(";")
    }


def production(portal, monkeypatch):
    """What ``instance/start.sh`` does on every start with AKTE_SECURE_COOKIES=1."""
    monkeypatch.setenv("AKTE_SECURE_COOKIES", "1")
    apply_cookie_settings(portal, Settings.from_env(Path(__file__).parent))
    transaction.commit()


def test_login_cookies_are_http_only_and_same_site(functional, base_url, monkeypatch):
    portal = functional["portal"]
    make_client(portal, "Mandant Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    cookies = set_cookie_headers(base_url)
    for name in ("__ac", "akte_device"):
        cookie = flags(cookies[name])
        assert "httponly" in cookie, cookies[name]
        assert cookie["samesite"].lower() == "samesite=lax", cookies[name]
        assert "secure" not in cookie  # local start over plain HTTP
    production(portal, monkeypatch)
    cookies = set_cookie_headers(base_url)
    for name in ("__ac", "akte_device"):
        cookie = flags(cookies[name])
        assert {"httponly", "secure"} <= set(cookie), cookies[name]
        assert cookie["samesite"].lower() == "samesite=lax"
