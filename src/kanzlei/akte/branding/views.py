"""@@akte-logo (the firm's logo, also the favicon) and @@barrierefreiheit."""

from kanzlei.akte.branding import settings as branding
from kanzlei.akte.branding.logo import servable
from Products.Five.browser import BrowserView
from zExceptions import NotFound


class Logo(BrowserView):
    def __call__(self):
        found = servable(branding.get("logo"))
        if found is None:
            raise NotFound("logo")
        content_type, data = found
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        )
        response.setHeader("Cache-Control", "public, max-age=3600")
        return data


class Barrierefreiheit(BrowserView):
    def __call__(self):
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        return self.index()

    def paragraphs(self):
        text = branding.get("accessibility_statement") or ""
        return [p.strip() for p in text.split("\n\n") if p.strip()]
