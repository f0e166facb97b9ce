"""Small helpers shared by the client pages."""

from kanzlei.akte import _
from kanzlei.akte.branding import colour
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.uploads.names import extension  # noqa: F401 - for the pages
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate

import os


SAFE_INLINE_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
}


def current_userid():
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def file_type(filename):
    ext = os.path.splitext(filename or "")[1].lstrip(".")
    return ext.upper() if ext else "–"


def fullname(userid, cache):
    if not userid:
        return ""
    if userid not in cache:
        user = api.user.get(userid=userid)
        cache[userid] = (user and user.getProperty("fullname")) or userid
    return cache[userid]


class ClientPage(BrowserView):
    """Base of the client pages: branding, static resources, no side columns."""

    static = "++plone++kanzlei.akte.client"

    def __call__(self):
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        self.request.set("disable_border", 1)
        return self.index()

    @property
    def portal_url(self):
        return api.portal.get().absolute_url()

    def firm_name(self):
        return branding.get("firm_name")

    def brand_style(self):
        return colour.style()

    def t(self, msgid, default, mapping=None):
        return translate(
            _(msgid, default=default, mapping=mapping), context=self.request
        )

    def status(self, message, kind="info"):
        api.portal.show_message(message=message, request=self.request, type=kind)


class MacrosView(BrowserView):
    """Holds the shared macros of the client pages; not a page of its own."""

    index = ViewPageTemplateFile("templates/macros.pt")

    @property
    def macros(self):
        return self.index.macros

    def __call__(self):
        raise NotFound(self.context, "akte-client-macros", self.request)
