"""Login security settings (registry prefix ``kanzlei.akte.login``)."""

from kanzlei.akte import _
from plone.registry.interfaces import IRegistry
from zope import schema
from zope.component import queryUtility
from zope.interface import Interface

import os


PREFIX = "kanzlei.akte.login"


class ILoginSecuritySettings(Interface):
    max_failures = schema.Int(
        title=_("login_label_max_failures", default="Fehlversuche bis zur Sperre"),
        description=_(
            "login_help_max_failures",
            default="Nach so vielen falschen Anmeldungen wird das Konto gesperrt.",
        ),
        default=10,
        min=1,
    )
    lockout_minutes = schema.Int(
        title=_("login_label_lockout_minutes", default="Dauer der Sperre (Minuten)"),
        default=15,
        min=1,
    )
    ip_max_failures = schema.Int(
        title=_(
            "login_label_ip_max_failures",
            default="Fehlversuche je IP-Adresse bis zur Drosselung",
        ),
        default=20,
        min=1,
    )
    trusted_proxies = schema.List(
        title=_("login_label_trusted_proxies", default="Vertrauenswürdige Proxys"),
        description=_(
            "login_help_trusted_proxies",
            default="IP-Adressen der eigenen Reverse-Proxys. Nur deren "
            "X-Forwarded-For-Angabe wird beachtet.",
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )


def get(name, context=None):
    """A setting; falls back to the default when the registry has no record."""
    registry = queryUtility(IRegistry)
    if registry is None and context is not None:
        registry = getattr(context, "portal_registry", None)
    default = ILoginSecuritySettings[name].default
    if registry is None:
        return default
    value = registry.get(f"{PREFIX}.{name}", default)
    return default if value is None else value


def trusted_proxies(context=None):
    """Registry list, Zope's ``trusted-proxy`` (zope.conf) and the environment
    variable ``AKTE_TRUSTED_PROXIES`` (addresses separated by blanks or commas)."""
    from ZPublisher import HTTPRequest

    proxies = set(get("trusted_proxies", context) or [])
    proxies.update(getattr(HTTPRequest, "trusted_proxies", ()) or ())
    env = os.environ.get("AKTE_TRUSTED_PROXIES", "")
    proxies.update(env.replace(",", " ").split())
    return proxies
