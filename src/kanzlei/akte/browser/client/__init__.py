"""The client's pages of the Online-Akte (what a logged-in Mandant sees and does)."""


def landing_url(portal, user):
    """Where a user goes after login: clients to "Meine Online-Akte", others home.

    For the login/registration code: ``landing_url(api.portal.get(), member)``.
    """
    from kanzlei.akte.accounts.links import is_client

    portal_url = portal.absolute_url()
    userid = user.getId() if user is not None else None
    if userid and is_client(userid):
        return portal_url + "/@@meine-akte"
    return portal_url
