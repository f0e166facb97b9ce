"""The firm's rule "staff log in with a second factor" (control panel
"Online-Akte", ``kanzlei.akte.second_factor_staff``).

When it is on, a staff member without a second factor who logged in with the
password can use nothing but ``@@anmeldung-absichern`` (and log out): every other
page redirects there, every other REST call answers 403. Clients decide for
themselves; integration accounts (API tokens, role ``Integration``) are not staff
(``accounts/staff.py``) and Zope root accounts are not users of the site, so
neither is affected.
"""

from AccessControl import getSecurityManager
from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from kanzlei.akte.twofactor import store
from plone import api
from plone.rest.interfaces import IAPIRequest
from zExceptions import Forbidden
from zExceptions import Redirect


SETTING = "second_factor_staff"
SETUP_VIEW = "anmeldung-absichern"
# what such a user may still open: the setup page, logging in and out, the language
ALLOWED = {
    SETUP_VIEW,
    "login",
    "login_form",
    "logout",
    "akte-sprache",
    "akte-logo",
    "favicon.ico",
}
RESOURCE_MARKS = ("++resource++", "++plone++", "++theme++", "++webresource++")

MSG_REQUIRED = _(
    "twofactor_required_staff",
    default="Die Kanzlei verlangt für Mitarbeiterinnen und Mitarbeiter eine "
    "Zwei-Faktor-Anmeldung. Bitte richten Sie sie zuerst ein.",
)


def setup_required(userid):
    """The firm requires a second factor of this (staff) user, who has none."""
    if not userid or not settings.get(SETTING):
        return False
    portal = api.portal.get()
    pas_plugin = store.plugin()
    if pas_plugin is None or store.is_enabled(pas_plugin, userid):
        return False
    user = portal.acl_users.getUserById(userid)
    return user is not None and is_staff(user=user)


def exempt(request):
    published = request.get("PUBLISHED")
    name = getattr(published, "__name__", "") or ""
    if name.removeprefix("@@") in ALLOWED:
        return True
    url = request.get("ACTUAL_URL", "") or ""
    return any(mark in url for mark in RESOURCE_MARKS)


def require_setup(event):
    """IPubAfterTraversal: staff without a second factor go to the setup page."""
    request = event.request
    if not IKanzleiAkteLayer.providedBy(request) or not settings.get(SETTING):
        return
    user = getSecurityManager().getUser()
    userid = user.getId() if user is not None else None
    if not userid or exempt(request) or not setup_required(userid):
        return
    if IAPIRequest.providedBy(request):
        raise refusal(Forbidden, MSG_REQUIRED)
    api.portal.show_message(MSG_REQUIRED, request, type="warning")
    raise Redirect(f"{api.portal.get().absolute_url()}/@@{SETUP_VIEW}")
