"""Install/uninstall helpers of the notifications (rules come from contentrules.xml)."""

from plone.app.contentrules.api import unassign_rule
from plone.contentrules.engine.interfaces import IRuleStorage
from zope.component import queryUtility


RULES = ("akte-dokument-freigegeben", "akte-eingang")


def remove_rules(portal):
    """Unassign and delete our content rules (pending notifications stay queued)."""
    storage = queryUtility(IRuleStorage)
    if storage is None:
        return
    for name in RULES:
        if name in storage:
            unassign_rule(portal, name)
            del storage[name]
