"""The upgrade to 1006 switches on Plone's cookie negotiation (the header's
"Deutsch | English")."""

from kanzlei.akte.upgrades.v1006_20261204_language import upgrade
from plone import api


def test_upgrade_1006(integration):
    # as 1005 left it: only the browser's Accept-Language counted
    api.portal.set_registry_record("plone.use_cookie_negotiation", False)

    upgrade(api.portal.get_tool("portal_setup"))

    assert api.portal.get_registry_record("plone.use_cookie_negotiation") is True
    assert api.portal.get_registry_record("plone.use_request_negotiation") is True
    assert api.portal.get_registry_record("plone.default_language") == "de"
