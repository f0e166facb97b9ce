"""Setup step of the integration API: the API token PAS plugin (pas/apitokens.py)."""

from kanzlei.akte.pas.apitokens import addApiTokenPlugin
from kanzlei.akte.pas.apitokens import PLUGIN_ID
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin


ACTIVE_INTERFACES = (IExtractionPlugin, IAuthenticationPlugin)


def install_apitokens(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        addApiTokenPlugin(acl_users, PLUGIN_ID, "Online-Akte API-Tokens")
    plugins = acl_users.plugins
    for interface in ACTIVE_INTERFACES:
        if PLUGIN_ID not in plugins.listPluginIds(interface):
            plugins.activatePlugin(interface, PLUGIN_ID)


def uninstall_apitokens(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.manage_delObjects([PLUGIN_ID])
