"""Plone's member-facing views that must stay with staff (see configure.zcml)."""

from Products.CMFPlone.browser import author
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import os


class AuthorView(author.AuthorView):
    """``/author/<id>`` (profile and contact form of a user), for staff only.

    Plone's own class and template; only the permission of the registration
    differs (``List portal members``, see rolemap.xml).
    """

    index = ViewPageTemplateFile(
        "templates/author.pt", _prefix=os.path.dirname(author.__file__)
    )
