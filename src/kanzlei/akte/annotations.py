"""Data the portal keeps per site: one object per key in the site's annotations."""

from plone import api
from zope.annotation.interfaces import IAnnotations


def site_data(key, factory=None, portal=None):
    """The object stored under ``key``; with ``factory`` it is created when missing,
    without it None is returned (reading never writes)."""
    annotations = IAnnotations(portal if portal is not None else api.portal.get())
    data = annotations.get(key)
    if data is None and factory is not None:
        data = annotations[key] = factory()
    return data
