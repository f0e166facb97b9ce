"""Mandant: a client of the firm (a person or a company)."""

from kanzlei.akte import _
from kanzlei.akte.language.recipients import VOCABULARY as LANGUAGES
from kanzlei.akte.limits import clean_text
from kanzlei.akte.limits import MAX_KEY
from kanzlei.akte.limits import MAX_LINE
from plone.dexterity.content import Container
from plone.schema import Email
from plone.supermodel import model
from zope import schema
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


CLIENT_TYPES = SimpleVocabulary(
    [
        SimpleTerm("person", "person", _("client_type_person", default="Person")),
        SimpleTerm("firma", "firma", _("client_type_firma", default="Unternehmen")),
    ]
)


class IMandant(model.Schema):
    title = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_client_name", default="Name"),
        description=_(
            "help_client_name",
            default="Vor- und Nachname oder Firmenname des Mandanten",
        ),
        required=True,
    )
    client_number = schema.TextLine(
        max_length=MAX_KEY,
        constraint=clean_text,
        title=_("label_client_number", default="Mandantennummer"),
        description=_(
            "help_client_number",
            default="Die Nummer aus der Kanzleisoftware; sie ist eindeutig.",
        ),
        required=True,
    )
    client_type = schema.Choice(
        title=_("label_client_type", default="Art"),
        vocabulary=CLIENT_TYPES,
        default="person",
        required=True,
    )
    street = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_street", default="Straße und Hausnummer"),
        required=False,
    )
    zip_code = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_zip_code", default="PLZ"),
        required=False,
    )
    city = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_city", default="Ort"),
        required=False,
    )
    country = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_country", default="Land"),
        required=False,
        default="Deutschland",
    )
    phone = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_phone", default="Telefon"),
        required=False,
    )
    email = Email(
        title=_("label_email", default="E-Mail-Adresse"),
        description=_(
            "help_client_email",
            default="An diese Adresse geht die Einladung zur Online-Akte.",
        ),
        required=False,
    )
    online_access = schema.Bool(
        title=_("label_online_access", default="Online-Akte"),
        description=_(
            "help_online_access",
            default="Auf der Kommunikationserklärung angekreuzt: Der Mandant "
            "erhält Zugang zur Online-Akte.",
        ),
        required=False,
        default=False,
    )
    correspondence_language = schema.Choice(
        title=_("label_correspondence_language", default="Korrespondenzsprache"),
        description=_(
            "help_correspondence_language",
            default="In dieser Sprache gehen Einladung und Brief mit dem "
            "Aktivierungscode hinaus. Nach der Registrierung gilt die Sprache, die der "
            "Mandant in der Online-Akte wählt.",
        ),
        vocabulary=LANGUAGES,
        default="de",
        required=True,
    )


@implementer(IMandant)
class Mandant(Container):
    """Linked portal users live in ``portal_users`` (see accounts/links.py)."""

    portal_users = None


def on_modified(mandant, event):
    """online_access decides the computed Mandant role: when it may have changed,
    reindex who may see what (that touches every object of the client)."""
    if IContainerModifiedEvent.providedBy(event):
        return  # a mandate or contact person was added or removed
    changed = {
        name
        for description in event.descriptions
        for name in getattr(description, "attributes", ())
    }
    if event.descriptions and not any(n.endswith("online_access") for n in changed):
        return
    mandant.reindexObjectSecurity()
