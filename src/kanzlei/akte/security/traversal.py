"""Deny by default for what a request is about, not only for what it publishes.

Zope checks the permission of what is published, not of the objects traversed to get
there: ``<someone else's mandate>/@@title`` (a public view) would render that mandate's
title, ``@@uuid`` its UID, ``@@main_template`` its breadcrumbs. So the content object
a request ends at (the object itself, or the context of the view or method) must be one
the viewer may View; otherwise the request is refused as if it had been asked for.
Containers on the way may stay hidden (clients pass the client area's folder without
seeing its list): what a viewer may see of them is what Plone shows anyway.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from Acquisition import aq_inner
from Acquisition import aq_parent
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from Products.CMFCore.interfaces import IContentish
from Products.CMFCore.interfaces import ISiteRoot


VIEW = "View"


def hidden(obj, security=None):
    """True when ``obj`` is content (not the site) that the viewer may not View."""
    security = security or getSecurityManager()
    return (
        IContentish.providedBy(obj)
        and not ISiteRoot.providedBy(obj)
        and not security.checkPermission(VIEW, obj)
    )


def visible_context(obj):
    """``obj`` or its nearest container the viewer may View (the site at the latest):
    where an error page may be rendered without naming what the viewer may not see."""
    security = getSecurityManager()
    while obj is not None and hidden(obj, security):
        obj = aq_parent(aq_inner(obj))
    return obj


def published_content(request):
    """The content object the request ends at, or None (site, tools, resources)."""
    for obj in (request.get("PUBLISHED"), *request.get("PARENTS", ())):
        if ISiteRoot.providedBy(obj):
            return None
        if IContentish.providedBy(obj):
            return obj
    return None


def refuse_hidden_context(event):
    """IPubAfterTraversal: what a request is about must be visible to the viewer."""
    request = event.request
    if not IKanzleiAkteLayer.providedBy(request):
        return
    content = published_content(request)
    if content is not None and hidden(content):
        raise Unauthorized("Sie haben keinen Zugriff auf diese Seite.")
