"""After login, a client goes to "Meine Online-Akte", staff to the client area
``/mandanten`` (unless they came for a page of this portal).

``came_from`` is never followed off the portal: Plone's login form only compares
the *path* of ``came_from`` with the site (``https://evil.example/plone`` passed),
so every target is checked with Plone's public ``isURLInPortal`` first (other
hosts, ``//host``, ``/\\host``, ``javascript:`` and the like fall back to the landing
page). This adapter is used by the login form, ``login_form``, ``failsafe_login``
and the password reset form.
"""

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
        if came_from and not portal.portal_url.isURLInPortal(came_from):
            came_from = None
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
