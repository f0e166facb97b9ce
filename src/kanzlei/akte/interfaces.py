"""Marker interfaces of kanzlei.akte."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IKanzleiAkteLayer(IDefaultBrowserLayer):
    """Browser layer: set on requests of sites that have kanzlei.akte installed."""
