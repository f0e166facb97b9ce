"""Opaque ids for Mandant and Mandat.

Their URLs go into e-mails and browser histories; an id made from a client's name,
a subject or an Aktenzeichen would leak exactly what must stay confidential.
"""

from plone.app.content.interfaces import INameFromTitle
from plone.app.content.namechooser import NormalizingNameChooser
from zope.container.interfaces import INameChooser
from zope.interface import implementer

import secrets


ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


OPAQUE_PREFIX = {"Mandant": "mandant", "Mandat": "akte"}


def opaque_id(prefix):
    return prefix + "-" + "".join(secrets.choice(ALPHABET) for _ in range(10))


@implementer(INameFromTitle)
class OpaqueName:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        prefix = "akte" if self.context.portal_type == "Mandat" else "mandant"
        return opaque_id(prefix)


@implementer(INameChooser)
class OpaqueNameChooser(NormalizingNameChooser):
    """Name chooser of the client area and of a Mandant: a Mandant or Mandat always
    gets an opaque id, whatever name the caller proposes (``api.content.create``
    proposes the title, REST clients may propose anything)."""

    def chooseName(self, name, obj):
        prefix = OPAQUE_PREFIX.get(getattr(obj, "portal_type", None))
        if prefix is None:
            return super().chooseName(name, obj)
        container = self.context
        while True:
            candidate = opaque_id(prefix)
            if candidate not in container:
                return candidate
