"""The upgrade to 1003 brings an existing site and its Zope root to the session
timeouts and the root lockout."""

from kanzlei.akte.pas.install import ROOT_WRAPPED
from kanzlei.akte.pas.lookup import PLUGIN_ID
from kanzlei.akte.upgrades.v1003_20261204_sessions import upgrade
from plone import api
from plone.registry.interfaces import IRegistry
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from zope.component import getUtility


RECORDS = [
    "kanzlei.akte.session_idle_seconds_client",
    "kanzlei.akte.session_idle_seconds_staff",
    "kanzlei.akte.session_max_seconds",
]


def test_upgrade_1003(integration):
    app, portal = integration["app"], integration["portal"]
    # as 1002 left it: no records, no extraction, plone.session's and restapi's times
    registry = getUtility(IRegistry)
    for name in RECORDS:
        del registry.records[name]
    plugins = portal.acl_users.plugins
    plugins.deactivatePlugin(IExtractionPlugin, PLUGIN_ID)
    portal.acl_users.session.manage_changeProperties(timeout=2 * 3600)
    portal.acl_users.jwt_auth.token_timeout = 12 * 3600
    app.acl_users.plugins.activatePlugin(IAuthenticationPlugin, ROOT_WRAPPED)
    app.acl_users.manage_delObjects([PLUGIN_ID])

    upgrade(api.portal.get_tool("portal_setup"))

    assert api.portal.get_registry_record(RECORDS[0]) == 1800
    assert api.portal.get_registry_record(RECORDS[1]) == 7200
    assert api.portal.get_registry_record(RECORDS[2]) == 43200
    assert plugins.listPluginIds(IExtractionPlugin)[0] == PLUGIN_ID
    assert portal.acl_users.session.timeout == 7200
    root_plugins = app.acl_users.plugins
    assert root_plugins.listPluginIds(IAuthenticationPlugin)[0] == PLUGIN_ID
    assert ROOT_WRAPPED not in root_plugins.listPluginIds(IAuthenticationPlugin)
    # the settings drive plone.session and plone.restapi from now on
    api.portal.set_registry_record(RECORDS[1], 3 * 3600)
    api.portal.set_registry_record(RECORDS[2], 8 * 3600)
    assert portal.acl_users.session.timeout == 3 * 3600
    assert portal.acl_users.jwt_auth.token_timeout == 8 * 3600
