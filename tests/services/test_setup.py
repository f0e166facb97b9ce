"""The install step: token plugin active; the Integration role's permissions."""

from kanzlei.akte.pas.apitokens import PLUGIN_ID
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin


def test_token_plugin_is_active(portal):
    plugins = portal.acl_users.plugins
    assert PLUGIN_ID in plugins.listPluginIds(IExtractionPlugin)
    assert PLUGIN_ID in plugins.listPluginIds(IAuthenticationPlugin)


def test_integration_role_permissions(portal):
    def roles(permission, obj=portal):
        return {r["name"] for r in obj.rolesOfPermission(permission) if r["selected"]}

    assert "Integration" in roles("kanzlei.akte: Use integration API")
    assert "Integration" not in roles("kanzlei.akte: Manage API tokens")
    for permission in ("Manage portal", "Manage users", "Add portal content"):
        assert "Integration" not in roles(permission), permission
    area = portal["mandanten"]
    assert "Integration" in roles("kanzlei.akte: Add Mandant", area)
    assert "Integration" not in roles("Delete objects", area)
    assert "Mandant" not in roles("kanzlei.akte: Use integration API")
