"""Where our PAS plugins live in a site (a leaf: imports nothing of ours)."""

PLUGIN_ID = "kanzlei_akte"
API_TOKENS_ID = "kanzlei_akte_apitokens"


def get_plugin(portal, plugin_id=PLUGIN_ID):
    acl_users = getattr(portal, "acl_users", None)
    if acl_users is None or plugin_id not in acl_users.objectIds():
        return None
    return acl_users[plugin_id]


def get_token_plugin(portal):
    return get_plugin(portal, API_TOKENS_ID)
