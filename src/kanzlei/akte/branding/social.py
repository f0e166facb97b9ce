"""Social media tags (``og:image``) without Plone's logo: the firm's logo, or none.

Plone's ``SocialTagsViewlet`` (anonymous visitors only) falls back to the site logo,
which is Plone's unless a site logo is set. For our browser layer that fallback is
replaced by the firm's logo from "Erscheinungsbild", or left out.
"""

from kanzlei.akte.branding import settings as branding
from kanzlei.akte.branding.logo import servable
from kanzlei.akte.branding.viewlets import logo_url
from plone.app.layout.viewlets.social import SocialTagsViewlet
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import os
import plone.app.layout.viewlets


PLONE_TEMPLATES = os.path.dirname(plone.app.layout.viewlets.__file__)


FALLBACK = {"og:image", "og:image:type"}


def _is_site_logo(tag, content_image):
    if content_image:  # the page's own image (og:image:width comes only with it)
        return False
    return tag.get("property") in FALLBACK or tag.get("itemprop") == "image"


class FirmSocialTags(SocialTagsViewlet):
    @memoize
    def _get_tags(self):
        tags = super()._get_tags()
        content_image = any(t.get("property") == "og:image:width" for t in tags)
        tags = [t for t in tags if not _is_site_logo(t, content_image)]
        found = None if content_image else servable(branding.get("logo"))
        if tags and found is not None:
            url = logo_url()
            tags += [
                {"property": "og:image", "content": url},
                {"itemprop": "image", "content": url},
                {"property": "og:image:type", "content": found[0]},
            ]
        return tags


class FirmSocialTagsHead(FirmSocialTags):
    index = ViewPageTemplateFile("social_tags.pt", _prefix=PLONE_TEMPLATES)


class FirmSocialTagsBody(FirmSocialTags):
    index = ViewPageTemplateFile("social_tags_body.pt", _prefix=PLONE_TEMPLATES)
