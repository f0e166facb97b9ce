"""Registration of the kanzlei.akte PAS plugin: class, install, uninstall.

The plugin's interfaces are activated explicitly (``ACTIVE_INTERFACES``) and moved to
the top; ``source_users`` is deactivated as ``IAuthenticationPlugin`` because our
plugin calls it after its own checks. Sessions (plone.session) get a keyring per
user and JWTs (plone.restapi) are stored, so that ``revocation.py`` can end a user's
sessions and tokens. Uninstall restores all of this.

The Zope root's user folder (a PAS since PlonePAS replaced it when the first site was
created; it holds the instance's ``admin``) gets a plugin of the same class wrapping
its ``users`` (``install_root_plugin``): the same lockout and IP throttle for every
account. Installing the add-on in a site, the upgrade to 1003 and every start of the
instance (``instance/bootstrap.py``) put it there; uninstalling it from the last site
that has it restores the root folder.
"""

from AccessControl.Permissions import add_user_folders
from Acquisition import aq_base
from kanzlei.akte.pas import apitokens
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import devices
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas import plugin as plugin_module
from kanzlei.akte.pas import sessions
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.lookup import PLUGIN_ID
from plone.base.interfaces import IPloneSiteRoot
from Products.PluggableAuthService.interfaces.authservice import IPluggableAuthService
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import ICredentialsUpdatePlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserAdderPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.PluggableAuthService import MultiPlugins
from Products.PluggableAuthService.PluggableAuthService import registerMultiPlugin

import logging


logger = logging.getLogger("kanzlei.akte.login")


ACTIVE_INTERFACES = (
    IExtractionPlugin,  # first: session timeouts before any credentials are read
    IAuthenticationPlugin,
    IUserAdderPlugin,
    IValidationPlugin,
)
WRAPPED = "source_users"
ROOT_WRAPPED = "users"  # the ZODBUserManager of the Zope root's PAS (PlonePAS)
ROOT_COOKIE = "credentials_cookie_auth"  # PAS's login:password cookie (replaced)
ROOT_INTERFACES = (IExtractionPlugin, IAuthenticationPlugin, ICredentialsUpdatePlugin)
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


def install_root_plugin(app):
    """Guard the Zope root's user folder; False when it is no PAS (nothing done)."""
    acl_users = getattr(app, "acl_users", None)
    if not IPluggableAuthService.providedBy(acl_users):
        logger.warning("Zope root user folder is no PAS: no lockout for its users")
        return False
    if ROOT_WRAPPED not in acl_users.objectIds():
        return False
    if PLUGIN_ID not in acl_users.objectIds():
        plugin_module.addKanzleiAktePlugin(
            acl_users, PLUGIN_ID, "Online-Akte Anmeldung (Zope-Wurzel)"
        )
    acl_users[PLUGIN_ID].user_source_id = ROOT_WRAPPED
    configure_sessions(acl_users)  # JWTs of root accounts are stored (revocable)
    plugins = acl_users.plugins
    for interface in ROOT_INTERFACES:
        activate_on_top(plugins, interface, PLUGIN_ID)
    for interface, plugin_id in (
        (IAuthenticationPlugin, ROOT_WRAPPED),
        (ICredentialsUpdatePlugin, ROOT_COOKIE),
    ):
        if plugin_id in plugins.listPluginIds(interface):
            plugins.deactivatePlugin(interface, plugin_id)
    return True


def uninstall_root_plugin(app, leaving_site):
    """Restore the root folder unless another site still has our plugin."""
    others = [
        site
        for site in app.objectValues()
        if IPloneSiteRoot.providedBy(site)
        and aq_base(site) is not aq_base(leaving_site)
    ]
    if any(get_plugin(site) is not None for site in others):
        return
    acl_users = getattr(app, "acl_users", None)
    if not IPluggableAuthService.providedBy(acl_users):
        return
    plugins = acl_users.plugins
    for interface, plugin_id in (
        (IAuthenticationPlugin, ROOT_WRAPPED),
        (ICredentialsUpdatePlugin, ROOT_COOKIE),
    ):
        if plugin_id in acl_users.objectIds() and plugin_id not in (
            plugins.listPluginIds(interface)
        ):
            plugins.activatePlugin(interface, plugin_id)
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.manage_delObjects([PLUGIN_ID])


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
    sessions.apply_timeouts(portal)
    devices.ensure_ring()
    portal.portal_password_reset.setExpirationTimeout(RESET_EXPIRY_DAYS)
    install_root_plugin(portal.getPhysicalRoot())


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
    uninstall_root_plugin(portal.getPhysicalRoot(), portal)
