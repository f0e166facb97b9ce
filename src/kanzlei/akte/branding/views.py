"""@@akte-logo (the firm's logo, also the favicon), /favicon.ico and
@@barrierefreiheit."""

from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.branding.logo import servable
from Products.CMFPlone.browser.favicon import SiteFavicon
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate


def serve_logo(request):
    """Send the firm's logo with a CSP that runs nothing; NotFound if there is none."""
    found = servable(branding.get("logo"))
    if found is None:
        raise NotFound("logo")
    content_type, data = found
    response = request.response
    response.setHeader("Content-Type", content_type)
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    )
    response.setHeader("Cache-Control", "public, max-age=3600")
    return data


class Logo(BrowserView):
    def __call__(self):
        return serve_logo(self.request)


class Favicon(SiteFavicon):
    """/favicon.ico: Plone's for staff; the firm's logo (or none) for everyone else."""

    def __call__(self):
        if is_staff(self.context):
            return super().__call__()
        return serve_logo(self.request)


class Barrierefreiheit(BrowserView):
    def __call__(self):
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        return self.index()

    def paragraphs(self):
        """The firm's statement as written; the shipped one in the reader's language."""
        text = branding.get("accessibility_statement") or ""
        if text.strip() == branding.DEFAULT_STATEMENT:
            text = translate(
                _("brand_accessibility_statement", default=branding.DEFAULT_STATEMENT),
                context=self.request,
            )
        return [p.strip() for p in text.split("\n\n") if p.strip()]
