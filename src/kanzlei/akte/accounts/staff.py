"""The one "is this staff?" check: the permission ``kanzlei.akte: Manage clients``.

Granted in rolemap.xml to Manager, Site Administrator and Kanzlei; never to clients
(role Mandant) or integrations. Roles are never compared by name anywhere else.
"""

from plone import api


MANAGE_CLIENTS = "kanzlei.akte: Manage clients"


def is_staff(context=None, user=None):
    """The current user (or ``user``) is staff in ``context`` (default: the site)."""
    obj = context if context is not None else api.portal.get()
    if user is None:
        if api.user.is_anonymous():
            return False
        return bool(api.user.has_permission(MANAGE_CLIENTS, obj=obj))
    return bool(api.user.has_permission(MANAGE_CLIENTS, user=user, obj=obj))
