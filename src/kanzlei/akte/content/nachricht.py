"""Nachricht: a message between client and firm within a mandate."""

from kanzlei.akte import _
from kanzlei.akte.content.dokument import DIRECTIONS
from kanzlei.akte.content.dokument import FROM_CLIENT
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.content.dokument import is_client_user
from kanzlei.akte.limits import clean_text
from kanzlei.akte.limits import MAX_LINE
from kanzlei.akte.limits import MAX_TEXT
from plone import api
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


class INachricht(model.Schema):
    title = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_message_subject", default="Betreff"),
        required=True,
    )
    text = schema.Text(
        max_length=MAX_TEXT,
        constraint=clean_text,
        title=_("label_message_text", default="Nachricht"),
        required=True,
    )
    direction = schema.Choice(
        title=_("label_direction", default="Richtung"),
        vocabulary=DIRECTIONS,
        default=FROM_FIRM,
        required=True,
    )
    author = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_author", default="Verfasst von"),
        required=False,
        readonly=True,
    )
    attachments = RelationList(
        title=_("label_attachments", default="Anhänge"),
        value_type=RelationChoice(
            title="Dokument", vocabulary="plone.app.vocabularies.Catalog"
        ),
        required=False,
        default=[],
    )


@implementer(INachricht)
class Nachricht(Item):
    author = None


def on_added(message, event):
    if api.user.is_anonymous():
        return
    message.author = api.user.get_current().getId()
    if is_client_user(message):
        message.direction = FROM_CLIENT
    message.reindexObject()
