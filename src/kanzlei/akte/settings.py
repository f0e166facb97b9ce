"""Read the firm's settings (see controlpanels/settings.py)."""

from kanzlei.akte.controlpanels.settings import IAkteSettings
from kanzlei.akte.controlpanels.settings import REGISTRY_PREFIX
from plone import api


def get(name):
    default = IAkteSettings[name].default
    return api.portal.get_registry_record(f"{REGISTRY_PREFIX}.{name}", default=default)


def set(name, value):  # noqa: A001 - mirrors get()
    api.portal.set_registry_record(f"{REGISTRY_PREFIX}.{name}", value)
