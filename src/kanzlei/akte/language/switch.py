"""The language switch (``@@akte-sprache``) and the language a client keeps.

Plone's cookie negotiation (``plone.use_cookie_negotiation``) reads the
``I18N_LANGUAGE`` cookie before the browser's Accept-Language. The switch sets that
cookie for everyone; for a logged-in user a POST with the authenticator also stores the
choice in the account (member property ``language``), and every login sets the cookie
from the account again, whatever the browser asks for.
"""

from kanzlei.akte.language.recipients import LANGUAGES
from plone import api
from plone.protect.authenticator import check as check_authenticator
from plone.protect.authenticator import createToken
from Products.Five.browser import BrowserView
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from zExceptions import Forbidden
from zope.globalrequest import getRequest


COOKIE = "I18N_LANGUAGE"
REDIRECT_PARAMETERS = ("came_from", "next", "referer")


def set_cookie(request, language):
    """Plone's language cookie, for the whole site and a year; ``Secure`` when the
    site's login cookie is (``AKTE_SECURE_COOKIES``)."""
    session = getattr(api.portal.get().acl_users, "session", None)
    request.response.setCookie(
        COOKIE,
        language,
        path="/",
        max_age=365 * 24 * 3600,
        http_only=True,
        same_site="Lax",
        secure=bool(getattr(session, "secure", False)),
    )


def _stored_language(user):
    member = api.user.get(userid=user.getId()) if user is not None else None
    language = member.getProperty("language", "") if member is not None else ""
    return language if language in LANGUAGES else ""


def _may_write(request):
    if not _is_post(request):
        return False
    try:
        check_authenticator(request)
    except Forbidden:
        return False
    return True


class SwitchLanguage(BrowserView):
    """``?sprache=de|en&came_from=<page>``: sets the language, back to the page."""

    def __call__(self):
        language = self.request.form.get("sprache")
        if language in LANGUAGES:
            set_cookie(self.request, language)
            if not api.user.is_anonymous() and _may_write(self.request):
                member = api.user.get_current()
                if _stored_language(member) != language:
                    member.setMemberProperties({"language": language})
        portal = api.portal.get()
        target = self.request.form.get("came_from") or ""
        if not isinstance(target, str) or not portal.portal_url.isURLInPortal(target):
            target = portal.absolute_url()
        self.request.response.redirect(target, lock=True)
        return ""


def language_at_login(event):
    """IUserLoggedInEvent: the account's language becomes the cookie's."""
    request = getRequest()
    language = _stored_language(event.object)
    if request is not None and language:
        set_cookie(request, language)


class Switch:
    """What the header's "Deutsch | English" form needs."""

    def __init__(self, request, portal_url):
        self.url = portal_url + "/@@akte-sprache"
        self.current = request.get("LANGUAGE") or "de"
        here = request.get("ACTUAL_URL") or portal_url
        query = "" if _is_post(request) else _own_query(request)
        self.came_from = here + ("?" + query if query else "")
        self.token = createToken()

    def pressed(self, language):
        return "true" if self.current == language else "false"


def _own_query(request):
    """The page's query without the authenticator and without redirect targets off
    the portal (the header never repeats another site's address)."""
    in_portal = api.portal.get().portal_url.isURLInPortal
    pairs = [
        (name, value)
        for name, value in parse_qsl(request.get("QUERY_STRING") or "")
        if name != "_authenticator"
        and (name not in REDIRECT_PARAMETERS or in_portal(value))
    ]
    return urlencode(pairs)


def _is_post(request):
    return request.get("REQUEST_METHOD", "GET").upper() == "POST"
