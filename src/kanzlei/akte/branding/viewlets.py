"""Header, navigation and footer for clients and visitors; staff keep Plone's.

Registered for our browser layer as overrides of Plone's viewlet managers
``plone.portalheader``, ``plone.mainnavigation`` and ``plone.portalfooter``: for staff
they render Plone's viewlets as before, for everyone else the firm's own parts (no Plone
logo, search box, member tools, global navigation, Plone footer or colophon).
"""

from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.branding import colour
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.language.switch import Switch
from plone import api
from plone.app.layout.links.viewlets import FaviconViewlet
from plone.app.viewletmanager.manager import OrderedViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import zlib


class Branding(branding.Contact):
    """What the firm's header and footer show."""

    def __init__(self, request):
        super().__init__()
        self.request = request
        self.portal_url = api.portal.get().absolute_url()
        self.logo_url = logo_url()
        self.logged_in = not api.user.is_anonymous()
        self.style = colour.style()
        self.language = Switch(request, self.portal_url)


def logo_url():
    """The firm's logo (``@@akte-logo``, versioned for caching), or "" if none."""
    logo = branding.get("logo")
    if not logo:
        return ""
    return f"{api.portal.get().absolute_url()}/@@akte-logo?v={zlib.crc32(logo):08x}"


class _BrandedManager(OrderedViewletManager):
    branded = None  # the template for clients and visitors; None renders nothing

    def render(self):
        if is_staff(self.context):
            return super().render()
        if self.branded is None:
            return ""
        return self.branded(brand=Branding(self.request))


class HeaderManager(_BrandedManager):
    branded = ViewPageTemplateFile("templates/header.pt")


class NavigationManager(_BrandedManager):
    """The firm's links are in the header."""


class FooterManager(_BrandedManager):
    branded = ViewPageTemplateFile("templates/footer.pt")


class Favicon(FaviconViewlet):
    """The firm's logo as favicon for clients and visitors; none without one (never
    Plone's)."""

    def render(self):
        if is_staff(self.context):
            return super().render()
        url = logo_url()
        return f'<link rel="icon" href="{url}" />' if url else ""
