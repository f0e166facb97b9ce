"""Kontaktperson: a contact person of a client (a company has several)."""

from kanzlei.akte import _
from kanzlei.akte.language.recipients import VOCABULARY as LANGUAGES
from kanzlei.akte.limits import clean_text
from kanzlei.akte.limits import MAX_LINE
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IKontaktperson(model.Schema):
    title = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_contact_name", default="Name"),
        required=True,
    )
    email = Email(
        title=_("label_email", default="E-Mail-Adresse"),
        description=_(
            "help_contact_email",
            default="An diese Adresse geht die Einladung zur Online-Akte.",
        ),
        required=False,
    )
    phone = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_phone", default="Telefon"),
        required=False,
    )
    correspondence_language = schema.Choice(
        title=_("label_correspondence_language", default="Korrespondenzsprache"),
        description=_(
            "help_contact_correspondence_language",
            default="Leer: wie beim Mandanten. In dieser Sprache gehen Einladung und "
            "Brief mit dem Aktivierungscode hinaus.",
        ),
        vocabulary=LANGUAGES,
        required=False,
    )


@implementer(IKontaktperson)
class Kontaktperson(Item):
    pass
