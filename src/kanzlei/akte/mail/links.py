"""Absolute links for e-mails, independent of the request that happens to run."""

from kanzlei.akte.mail import settings
from plone import api


def base_url(fallback=None):
    """The portal's public address: setting, else ``fallback``, else this request's."""
    configured = (settings.get("public_url") or "").strip()
    url = configured or fallback or api.portal.get().absolute_url()
    return url.rstrip("/")


def url_of(obj, base=None):
    """``<base>/resolveuid/<uid>``: opaque, whatever the object's id or path says.

    Plone redirects it to the object (anonymous: to the login, then back), so an e-mail
    never carries a path that could name a client or a subject.
    """
    return f"{base or base_url()}/resolveuid/{api.content.get_uuid(obj)}"


def settings_url(base=None):
    return f"{base or base_url()}/@@benachrichtigungen"


def inbox_url(base=None):
    return f"{base or base_url()}/@@eingang"
