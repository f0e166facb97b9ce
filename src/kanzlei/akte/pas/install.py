"""Registration of the kanzlei.akte PAS plugin: class, install, uninstall.

The plugin's interfaces are activated explicitly (``ACTIVE_INTERFACES``) and moved to
the top; ``source_users`` is deactivated as ``IAuthenticationPlugin`` because our
plugin calls it after its own checks. Sessions (plone.session) get a keyring per
user and JWTs (plone.restapi) are stored, so that ``revocation.py`` can end a user's
sessions and tokens. Uninstall restores all of this.
"""

from AccessControl.Permissions import add_user_folders
from kanzlei.akte.pas import apitokens
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import devices
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas import plugin as plugin_module
from kanzlei.akte.pas.lookup import PLUGIN_ID
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserAdderPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.PluggableAuthService import MultiPlugins
from Products.PluggableAuthService.PluggableAuthService import registerMultiPlugin


ACTIVE_INTERFACES = (IAuthenticationPlugin, IUserAdderPlugin, IValidationPlugin)
WRAPPED = "source_users"
RESET_EXPIRY_DAYS = 1  # password reset links (Plone's default: 7)


def register_plugin_classes(context):
    """Zope 2 initialization of the package (configure.zcml, five:registerPackage)."""
    hashing.register_scheme()
    if plugin_module.META_TYPE not in MultiPlugins:  # tests may initialize twice
        registerMultiPlugin(plugin_module.META_TYPE)
    context.registerClass(
        plugin_module.KanzleiAktePlugin,
        permission=add_user_folders,
        constructors=(
            plugin_module.manage_addKanzleiAktePlugin,
            plugin_module.addKanzleiAktePlugin,
        ),
        visibility=None,
    )
    registerMultiPlugin(apitokens.ApiTokenPlugin.meta_type)
    context.registerClass(
        apitokens.ApiTokenPlugin,
        permission=add_user_folders,
        constructors=(
            apitokens.manage_addApiTokenPluginForm,
            apitokens.addApiTokenPlugin,
        ),
        visibility=None,
    )


def activate_on_top(plugins, interface, plugin_id):
    if plugin_id not in plugins.listPluginIds(interface):
        plugins.activatePlugin(interface, plugin_id)
    while plugins.listPluginIds(interface)[0] != plugin_id:
        plugins.movePluginsUp(interface, [plugin_id])


def install_plugin(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        plugin_module.addKanzleiAktePlugin(
            acl_users, PLUGIN_ID, "Online-Akte Anmeldung"
        )
    plugins = acl_users.plugins
    for interface in ACTIVE_INTERFACES:
        activate_on_top(plugins, interface, PLUGIN_ID)
    if WRAPPED in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.deactivatePlugin(IAuthenticationPlugin, WRAPPED)
    configure_sessions(acl_users)
    devices.ensure_ring()
    portal.portal_password_reset.setExpirationTimeout(RESET_EXPIRY_DAYS)


def configure_sessions(acl_users):
    session = getattr(acl_users, "session", None)
    if session is not None:
        session.per_user_keyring = True
    jwt = getattr(acl_users, "jwt_auth", None)
    if jwt is not None and not jwt.store_tokens:
        compat.enable_token_store(jwt)


def uninstall_plugin(portal):
    acl_users = portal.acl_users
    plugins = acl_users.plugins
    if WRAPPED in acl_users.objectIds() and WRAPPED not in plugins.listPluginIds(
        IAuthenticationPlugin
    ):
        plugins.activatePlugin(IAuthenticationPlugin, WRAPPED)
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.manage_delObjects([PLUGIN_ID])
    session = getattr(acl_users, "session", None)
    if session is not None:
        session.per_user_keyring = False
    jwt = getattr(acl_users, "jwt_auth", None)
    if jwt is not None:
        jwt.store_tokens = False
    portal.portal_password_reset.setExpirationTimeout(7)
