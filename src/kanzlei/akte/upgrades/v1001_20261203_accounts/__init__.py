"""1000 → 1001: one home for client accounts.

- the permission ``kanzlei.akte: Manage clients`` (rolemap), the one "is staff" check;
- the PAS plugin also validates passwords (``IValidationPlugin``) for Plone's forms;
- links of deleted users are removed and their ids buried (never reused);
- our own persistent attributes lose their leading underscore (no private names):
  ``Mandat.manual_local_roles_block``, ``ApiTokenPlugin.tokens``; the lockout table
  gets bounded keys (the old one is dropped: its entries live 15 minutes at most).
"""

from kanzlei.akte import logger
from kanzlei.akte.accounts import links
from kanzlei.akte.accounts import tombstones
from kanzlei.akte.pas.install import install_plugin
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.lookup import get_token_plugin
from plone import api
from plone.app.uuid.utils import uuidToObject


PROFILE = "profile-kanzlei.akte:default"
OLD_BLOCK = "_manual_local_roles_block"
OLD_TOKENS = "_tokens"
OLD_LOCKOUTS = "_lockouts"


def rename(obj, old, new):
    obj.getId()  # a ghost's __dict__ is empty until it is loaded
    if old in obj.__dict__:
        value = obj.__dict__[old]
        delattr(obj, old)
        setattr(obj, new, value)


def objects(portal_type):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
        obj = uuidToObject(brain.UID, unrestricted=True)
        if obj is not None:
            yield obj


def unlink_deleted_users(portal):
    acl_users = portal.acl_users
    removed = 0
    for mandant in objects("Mandant"):
        for userid in list(mandant.portal_users or {}):
            if acl_users.getUserById(userid) is None:
                links.unlink_user(mandant, userid)
                tombstones.bury(userid, portal)
                removed += 1
    return removed


def upgrade(setup_tool):
    portal = api.portal.get()
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    install_plugin(portal)
    plugin = get_plugin(portal)
    if plugin is not None and plugin.getId() and OLD_LOCKOUTS in plugin.__dict__:
        delattr(plugin, OLD_LOCKOUTS)
    tokens = get_token_plugin(portal)
    if tokens is not None:
        rename(tokens, OLD_TOKENS, "tokens")
    for mandat in objects("Mandat"):
        rename(mandat, OLD_BLOCK, "manual_local_roles_block")
    removed = unlink_deleted_users(portal)
    logger.info("Upgrade 1001: %d links of deleted users removed", removed)
