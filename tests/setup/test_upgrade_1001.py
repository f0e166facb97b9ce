"""The upgrade 1000 → 1001 turns a first-release site into the current state."""

from kanzlei.akte.accounts import tombstones
from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.lookup import get_token_plugin
from kanzlei.akte.testing import make_client
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin

import importlib


PROFILE = "kanzlei.akte:default"
STEP = importlib.import_module("kanzlei.akte.upgrades.v1001_20261203_accounts")


def first_release_state(portal):
    """What a site of profile version 1000 looks like in the points 1001 changes."""
    mandant, mandat = make_client(portal, "Alt Mandant", "ALT-1", "1/26", userid="alt")
    with api.env.adopt_roles(["Manager"]):
        link_user(mandant, "geloescht")  # a user deleted before 1001: link left behind
    state = mandat.__dict__
    state["_manual_local_roles_block"] = True
    state.pop("manual_local_roles_block", None)
    tokens = get_token_plugin(portal)
    tokens.__dict__["_tokens"] = tokens.tokens  # (also loads the ghost)
    del tokens.__dict__["tokens"]
    plugin = get_plugin(portal)
    plugin.getId()  # load the ghost
    plugin.__dict__["_lockouts"] = {"alt": (3, 0, 0)}
    plugin.__dict__.pop("lockouts", None)
    portal.acl_users.plugins.deactivatePlugin(IValidationPlugin, plugin.getId())
    portal.manage_permission("kanzlei.akte: Manage clients", [], acquire=True)
    return mandant, mandat


def test_upgrade_1001(portal):
    setup = api.portal.get_tool("portal_setup")
    mandant, mandat = first_release_state(portal)
    setup.setLastVersionForProfile(PROFILE, "1000")
    pending = [
        step
        for entry in setup.listUpgrades(PROFILE)
        for step in (entry if isinstance(entry, list) else [entry])
    ]
    assert pending[0]["title"] == "One home for client accounts"

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) != ("1000",)
    assert mandat.manual_local_roles_block is True
    assert "_manual_local_roles_block" not in mandat.__dict__
    tokens = get_token_plugin(portal)
    assert "_tokens" not in tokens.__dict__ and tokens.tokens is not None
    plugin = get_plugin(portal)
    assert "_lockouts" not in plugin.__dict__
    assert plugin.getId() in portal.acl_users.plugins.listPluginIds(IValidationPlugin)
    selected = {
        r["name"]
        for r in portal.rolesOfPermission("kanzlei.akte: Manage clients")
        if r["selected"]
    }
    assert selected == {"Manager", "Site Administrator", "Kanzlei"}
    assert set(mandant.portal_users) == {"alt"}
    assert tombstones.is_buried("geloescht")
    assert not tombstones.is_buried("alt")
