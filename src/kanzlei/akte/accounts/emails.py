"""One e-mail address belongs to one account.

A password reset by e-mail address only works when the address names exactly one
account; a client who set their address to a staff member's would silently stop
that staff member's reset. So no account may take an address another account has:
the registration page (usernames that are e-mail addresses), ``PATCH @users/<id>``
and Plone's personal-information form all ask ``email_in_use``.
"""

from kanzlei.akte import _
from plone import api


MSG_EMAIL_IN_USE = _(
    "accounts_email_in_use",
    default="Diese E-Mail-Adresse gehört bereits zu einem anderen Zugang. Bitte "
    "wählen Sie eine andere oder wenden Sie sich an die Kanzlei.",
)


def owners_of(email):
    """Ids of the accounts whose e-mail address is ``email`` (case-insensitive)."""
    wanted = (email or "").strip().lower()
    if not wanted:
        return set()
    acl_users = api.portal.get_tool("acl_users")
    owners = set()
    with api.env.adopt_roles(["Manager"]):
        for info in acl_users.searchUsers(email=wanted):
            user = api.user.get(userid=info["id"])
            address = user.getProperty("email", "") if user is not None else ""
            if (address or "").strip().lower() == wanted:
                owners.add(info["id"])
    return owners


def email_in_use(email, userid=None):
    """True when another account than ``userid`` has this address."""
    return bool(owners_of(email) - {userid})
