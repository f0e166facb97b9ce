from kanzlei.akte.testing import make_staff
from plone.testing.zope import Browser

import base64
import pytest
import transaction


STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"


@pytest.fixture
def staff(functional):
    make_staff("anwalt")
    transaction.commit()
    return "anwalt"


def browser_for(app, userid=None, password=None):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Accept-Language", "de")
    if userid:
        token = base64.b64encode(f"{userid}:{password}".encode()).decode()
        browser.addHeader("Authorization", f"Basic {token}")
    return browser


@pytest.fixture
def staff_browser(functional, staff):
    return browser_for(functional["app"], staff, STAFF_PASSWORD)
