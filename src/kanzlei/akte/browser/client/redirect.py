"""After login, a client goes to "Meine Online-Akte", staff to the client area
``/mandanten`` (unless they came for a page)."""

from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.browser.client import landing_url
from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.interface import implementer


GENERIC_TARGETS = ("", "login", "login_form", "logged_in", "logout", "@@meine-akte")


@implementer(IRedirectAfterLogin)
class ClientRedirectAfterLogin:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal = api.portal.get()
        portal_url = portal.absolute_url()
        rest = (came_from or "").split("?")[0].split("#")[0]
        if rest.startswith(portal_url):
            rest = rest[len(portal_url) :]
        if rest.strip("/") in GENERIC_TARGETS or rest.strip("/").startswith("@@login"):
            user = api.user.get_current()
            target = landing_url(portal, user)
            if target != portal_url:
                return target
            if is_staff(portal):
                return portal_url + "/mandanten"
        return came_from
