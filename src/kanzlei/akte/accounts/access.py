"""Who may log in at all (besides knowing the password)."""

from kanzlei.akte.accounts import links as clients


def is_refused(userid):
    """A client account without any active link: disabled by staff, or every
    Mandant it belongs to has ``online_access`` unticked. Staff and other
    non-client accounts are never refused here."""
    mandanten = [m for m in clients.mandanten_for_user(userid) if m is not None]
    if not mandanten:
        return False
    return not any(userid in clients.active_userids(m) for m in mandanten)


def set_account_disabled(mandant, userid, disabled=True):
    """Staff action: disable (or enable) a client's account on this Mandant.

    Disabling also ends the user's running sessions and REST tokens at once.
    """
    from kanzlei.akte.pas.revocation import revoke

    if userid not in (mandant.portal_users or {}):
        raise KeyError(userid)
    clients.set_disabled(mandant, userid, disabled)
    if disabled:
        revoke(userid, keep_current=False)
