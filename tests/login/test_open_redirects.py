"""Open redirects closed: no login, logout or password page sends a browser to
another host (issue 11, section 3).

Every target an attacker could put into ``came_from``, ``next`` or the ``Referer``
header: an absolute URL of another host, protocol-relative ``//host``, the
backslash trick ``/\\host`` (browsers read it as ``//host``), ``javascript:``.
Over real HTTP without following redirects; the ``Location`` header must stay on
the portal's host.
"""

from .conftest import PASSWORD
from kanzlei.akte.testing import make_client
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urllib.parse import urljoin
from urllib.parse import urlsplit

import pytest
import requests
import transaction


EVIL = (
    "https://evil.example/plone",
    "//evil.example/plone",
    "/\\evil.example/plone",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    " https://evil.example",
    "https://evil.example@localhost/plone",
)


@pytest.fixture
def mueller(functional):
    make_client(functional["portal"], "Mandant Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()


def assert_stays(response, base_url):
    """No redirect, or one to the portal's own host (and never a script URL)."""
    location = response.headers.get("Location")
    if location is None:
        return
    target = urljoin(response.url, location)
    parts = urlsplit(target)
    assert parts.scheme in ("http", "https"), location
    assert parts.netloc == urlsplit(base_url).netloc, location
    assert "evil.example" not in parts.netloc and "\\" not in parts.path, location
    assert not parts.path.startswith("//"), location


def login_data(target, login="mueller", password=PASSWORD):
    return {
        "__ac_name": login,
        "__ac_password": password,
        "kanzlei": "KLXRechtsanwälte",
        "datenbank": "KLX",
        "came_from": target,
        "buttons.login": "Anmelden",
    }


def test_login_form_came_from(mueller, base_url):
    for target in EVIL:
        for view in ("login", "login_form", "failsafe_login"):
            response = requests.post(
                f"{base_url}/{view}", data=login_data(target), allow_redirects=False
            )
            assert response.status_code in (200, 302, 303), (view, response.status_code)
            assert_stays(response, base_url)


def test_login_form_next_and_referer(mueller, base_url):
    for target in EVIL:
        response = requests.get(
            f"{base_url}/login", params={"next": target}, allow_redirects=False
        )
        assert_stays(response, base_url)
        data = login_data("")
        del data["came_from"]
        response = requests.post(
            f"{base_url}/login",
            data=data,
            headers={"Referer": target.strip()},  # no header value starts with a blank
            allow_redirects=False,
        )
        assert_stays(response, base_url)


def test_logout_next(mueller, base_url):
    for target in EVIL:
        session = requests.Session()
        session.post(f"{base_url}/login", data=login_data(""))
        assert "__ac" in session.cookies
        for view in ("logout", "@@logout"):
            response = session.get(
                f"{base_url}/{view}", params={"next": target}, allow_redirects=False
            )
            assert_stays(response, base_url)


def test_require_login_came_from(mueller, base_url):
    for target in EVIL:
        response = requests.get(
            f"{base_url}/require_login",
            params={"came_from": target},
            allow_redirects=False,
        )
        assert_stays(response, base_url)
        followed = requests.get(
            f"{base_url}/require_login", params={"came_from": target}
        )
        assert "evil.example" not in followed.text.split("<body")[-1]


def test_registration_and_password_pages(mueller, base_url):
    for target in EVIL:
        for view in ("@@registrierung", "@@login-help", "mail_password_form"):
            for param in ("came_from", "next", "redirect"):
                response = requests.get(
                    f"{base_url}/{view}", params={param: target}, allow_redirects=False
                )
                assert_stays(response, base_url)
        session = requests.Session()
        session.post(f"{base_url}/login", data=login_data(""))
        response = session.get(
            f"{base_url}/@@change-password",
            params={"came_from": target, "next": target},
            allow_redirects=False,
        )
        assert_stays(response, base_url)


def test_root_login_came_from(functional, base_url):
    for target in EVIL:
        root = base_url.rsplit("/", 1)[0]
        response = requests.post(
            f"{root}/@@akte-login",
            data={
                "kanzlei": "KLXRechtsanwälte",
                "datenbank": "KLX",
                "__ac_name": SITE_OWNER_NAME,
                "__ac_password": SITE_OWNER_PASSWORD,
                "came_from": target,
                "next": target,
                "form.submitted": "1",
            },
            allow_redirects=False,
        )
        assert_stays(response, base_url)
