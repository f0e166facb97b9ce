"""The area that holds all clients; staff only."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IMandantenbereich(model.Schema):
    """Marker schema of the client area (``/mandanten``)."""


@implementer(IMandantenbereich)
class Mandantenbereich(Container):
    pass
