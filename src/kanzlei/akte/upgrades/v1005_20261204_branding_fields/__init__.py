"""Issue 16: firm name, address and primary colour move from the "Online-Akte"
settings (``kanzlei.akte.*``) to "Erscheinungsbild" (``kanzlei.akte.branding.*``).

The values a firm has set are copied; the old records are removed, so there is one
record and one form for each.
"""

from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-kanzlei.akte:default"
MOVED = ("firm_name", "firm_address", "brand_color")
OLD = "kanzlei.akte."
NEW = "kanzlei.akte.branding."


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    kept = {
        name: registry.records[OLD + name].value
        for name in MOVED
        if OLD + name in registry.records
    }
    setup_tool.runImportStepFromProfile(
        PROFILE, "plone.app.registry", run_dependencies=False
    )
    for name, value in kept.items():
        if value is not None:
            registry.records[NEW + name].value = value
        del registry.records[OLD + name]
