"""Opaque ids for Mandant and Mandat.

Their URLs go into e-mails and browser histories; an id made from a client's name,
a subject or an Aktenzeichen would leak exactly what must stay confidential.
"""

from plone.app.content.interfaces import INameFromTitle
from zope.interface import implementer

import secrets


ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


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
