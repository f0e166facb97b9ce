"""Absolute links for e-mails, independent of the request that happens to run."""

from kanzlei.akte.mail import settings
from plone import api


def base_url(fallback=None):
    """The portal's public address: setting, else ``fallback``, else this request's."""
    configured = (settings.get("public_url") or "").strip()
    url = configured or fallback or api.portal.get().absolute_url()
    return url.rstrip("/")


def url_of(obj, base=None):
    portal = api.portal.get()
    portal_path = portal.getPhysicalPath()
    relative = obj.getPhysicalPath()[len(portal_path) :]
    return "/".join((base or base_url(),) + tuple(relative))


def settings_url(base=None):
    return f"{base or base_url()}/@@benachrichtigungen"


def inbox_url(base=None):
    return f"{base or base_url()}/@@eingang"
