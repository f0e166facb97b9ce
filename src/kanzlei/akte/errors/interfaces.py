"""Marker of an API request on a site with kanzlei.akte (both plone.rest's
IAPIRequest and our browser layer): our JSON error view is registered for it."""

from kanzlei.akte.interfaces import IKanzleiAkteLayer
from plone.rest.interfaces import IAPIRequest


class IAkteAPIRequest(IAPIRequest, IKanzleiAkteLayer):
    """A REST request (``Accept: application/json``) to the Online-Akte."""
