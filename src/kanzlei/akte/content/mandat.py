"""Mandat: one mandate (case file) of a client."""

from datetime import date
from kanzlei.akte import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMandat(model.Schema):
    title = schema.TextLine(
        title=_("label_subject", default="Gegenstand"),
        description=_("help_subject", default="Worum es in dem Mandat geht"),
        required=True,
    )
    file_number = schema.TextLine(
        title=_("label_file_number", default="Aktenzeichen"),
        description=_("help_file_number", default="z. B. 123/26; eindeutig"),
        required=True,
    )
    opposing_party = schema.TextLine(
        title=_("label_opposing_party", default="Gegner"), required=False
    )
    responsible_lawyer = schema.Choice(
        title=_("label_responsible_lawyer", default="Sachbearbeiter"),
        vocabulary="kanzlei.akte.staff",
        required=False,
    )
    opened = schema.Date(
        title=_("label_opened", default="Angelegt am"),
        required=False,
        defaultFactory=date.today,
    )
    closed = schema.Date(
        title=_("label_closed", default="Abgeschlossen am"),
        description=_(
            "help_closed",
            default="Wird beim Abschließen gesetzt. Danach bleibt die Akte für "
            "den Mandanten noch die eingestellte Zeit lesbar.",
        ),
        required=False,
    )


@implementer(IMandat)
class Mandat(Container):
    pass
