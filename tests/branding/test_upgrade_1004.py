"""The upgrade to 1004 gives an existing site the Erscheinungsbild settings and their
control panel, and keeps what a firm has set already."""

from kanzlei.akte.upgrades.v1004_20261204_branding import upgrade
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PREFIX = "kanzlei.akte.branding."
CONFIGLET = "kanzlei-akte-erscheinungsbild"


def configlets(portal):
    controlpanel = api.portal.get_tool("portal_controlpanel")
    return [action.getId() for action in controlpanel.listActions()]


def test_upgrade_1004(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    api.portal.set_registry_record(PREFIX + "phone", "0221 123456")
    # as 1003 left it: no records but the phone a firm set by hand, no configlet
    for name in [n for n in registry.records if n.startswith(PREFIX)]:
        if name != PREFIX + "phone":
            del registry.records[name]
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(CONFIGLET)
    assert CONFIGLET not in configlets(portal)

    upgrade(api.portal.get_tool("portal_setup"))

    assert api.portal.get_registry_record(PREFIX + "phone") == "0221 123456"
    for name in ("logo", "email", "imprint_url", "privacy_url"):
        assert PREFIX + name in registry.records, name
    assert api.portal.get_registry_record(PREFIX + "accessibility_statement")
    assert CONFIGLET in configlets(portal)
