from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import base64
import pytest


@pytest.fixture
def staff_admin(functional):
    """A zope.testbrowser logged in as the site owner (Manager)."""
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.addHeader("Accept-Language", "de")
    token = base64.b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode())
    browser.addHeader("Authorization", f"Basic {token.decode()}")
    return browser
