"""The profiles add, activate and remove the PAS plugin."""

from kanzlei.akte.pas.lookup import PLUGIN_ID
from plone.base.utils import get_installer
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserAdderPlugin


def test_installed_with_explicit_interfaces(integration):
    portal = integration["portal"]
    acl_users = portal.acl_users
    plugins = acl_users.plugins
    assert PLUGIN_ID in plugins.listPluginIds(IAuthenticationPlugin)
    assert plugins.listPluginIds(IUserAdderPlugin)[0] == PLUGIN_ID
    assert "source_users" not in plugins.listPluginIds(IAuthenticationPlugin)
    assert acl_users.session.per_user_keyring
    assert acl_users.jwt_auth.store_tokens
    registry = portal.portal_registry
    assert registry["kanzlei.akte.login.max_failures"] == 10
    assert registry["kanzlei.akte.login.lockout_minutes"] == 15
    assert registry["kanzlei.akte.login.trusted_proxies"] == []


def test_uninstall_restores_plone(integration):
    portal = integration["portal"]
    get_installer(portal).uninstall_product("kanzlei.akte")
    acl_users = portal.acl_users
    assert PLUGIN_ID not in acl_users.objectIds()
    plugins = acl_users.plugins
    assert "source_users" in plugins.listPluginIds(IAuthenticationPlugin)
    assert PLUGIN_ID not in plugins.listPluginIds(IUserAdderPlugin)
    assert not acl_users.session.per_user_keyring
