"""One attacker behind an office's address does not lock out everybody behind it:
a browser that logged in successfully before is exempt from the per-IP throttle for
its login (the per-account lockout still applies)."""

from .conftest import form_login
from .conftest import is_logged_in
from .conftest import PASSWORD
from kanzlei.akte.pas.devices import COOKIE
from kanzlei.akte.testing import make_client
from plone import api

import pytest
import requests
import transaction


@pytest.fixture
def two_users(functional):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-1", "1/26", userid="mueller")
    make_client(portal, "Schulz", "K-2", "2/26", userid="schulz")
    api.portal.set_registry_record("kanzlei.akte.login.ip_max_failures", 3)
    transaction.commit()


def test_known_browser_gets_in_while_the_ip_is_throttled(two_users, base_url):

    office, _ = form_login(base_url, "mueller", PASSWORD)
    assert is_logged_in(office, base_url)
    assert office.cookies.get(COOKIE)
    office.get(f"{base_url}/logout")

    for i in range(3):  # someone in the same office guesses
        form_login(base_url, f"rate{i}", "falsch")

    fresh, _ = form_login(base_url, "schulz", PASSWORD)
    assert not is_logged_in(fresh, base_url)  # the address is throttled

    form_login(base_url, "mueller", PASSWORD, session=office)
    assert is_logged_in(office, base_url)


def test_device_cookie_names_one_login_and_cannot_be_forged(two_users, base_url):
    office, _ = form_login(base_url, "mueller", PASSWORD)
    cookie = office.cookies.get(COOKIE)
    for i in range(3):
        form_login(base_url, f"rate{i}", "falsch")

    other = requests.Session()
    other.cookies.set(COOKIE, cookie)  # mueller's device cookie, for schulz
    form_login(base_url, "schulz", PASSWORD, session=other)
    assert not is_logged_in(other, base_url)

    forged = requests.Session()
    forged.cookies.set(COOKIE, cookie.split(".")[0] + "." + "0" * 64)
    form_login(base_url, "mueller", PASSWORD, session=forged)
    assert not is_logged_in(forged, base_url)
