"""The upgrade to 1005 moves firm name, address and colour to Erscheinungsbild and
keeps what a firm has set."""

from kanzlei.akte.upgrades.v1005_20261204_branding_fields import upgrade
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


OLD = {
    "firm_name": (field.TextLine(), "Kanzlei Altbestand"),
    "firm_address": (field.Text(), "Altstadt 1\n20095 Hamburg"),
    "brand_color": (field.TextLine(), "#003366"),
}


def test_upgrade_1005(integration):
    registry = getUtility(IRegistry)
    # as 1004 left it: the values in kanzlei.akte.*, no kanzlei.akte.branding.firm_*
    for name, (kind, value) in OLD.items():
        registry.records["kanzlei.akte." + name] = Record(kind, value)
        del registry.records["kanzlei.akte.branding." + name]

    upgrade(api.portal.get_tool("portal_setup"))

    for name, (_kind, value) in OLD.items():
        assert "kanzlei.akte." + name not in registry.records, name
        assert api.portal.get_registry_record("kanzlei.akte.branding." + name) == value
