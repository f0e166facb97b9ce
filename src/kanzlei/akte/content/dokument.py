"""Dokument: one file in a mandate."""

from datetime import date
from kanzlei.akte import _
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.limits import clean_text
from kanzlei.akte.limits import MAX_KEY
from kanzlei.akte.limits import MAX_LINE
from plone import api
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from plone.supermodel.directives import primary
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


FROM_FIRM = "kanzlei"
FROM_CLIENT = "mandant"
# The one state of a Dokument a client may see.
RELEASED = "freigegeben"

DIRECTIONS = SimpleVocabulary(
    [
        SimpleTerm(
            FROM_FIRM, FROM_FIRM, _("direction_kanzlei", default="von der Kanzlei")
        ),
        SimpleTerm(
            FROM_CLIENT, FROM_CLIENT, _("direction_mandant", default="vom Mandanten")
        ),
    ]
)


class IDokument(model.Schema):
    primary("file")
    file = NamedBlobFile(title=_("label_file", default="Datei"), required=True)
    title = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_document_title", default="Bezeichnung"),
        description=_(
            "help_document_title", default="Leer lassen, um den Dateinamen zu verwenden"
        ),
        required=False,
    )
    document_date = schema.Date(
        title=_("label_document_date", default="Datum"),
        required=False,
        defaultFactory=date.today,
    )
    category = schema.Choice(
        title=_("label_category", default="Kategorie"),
        vocabulary="kanzlei.akte.categories",
        required=False,
    )
    direction = schema.Choice(
        title=_("label_direction", default="Richtung"),
        vocabulary=DIRECTIONS,
        default=FROM_FIRM,
        required=True,
    )
    added_by = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_added_by", default="Eingestellt von"),
        required=False,
        readonly=True,
    )
    external_id = schema.TextLine(
        max_length=MAX_KEY,
        constraint=clean_text,
        title=_("label_external_id", default="Dokument-ID der Kanzleisoftware"),
        required=False,
    )


@implementer(IDokument)
class Dokument(Item):
    added_by = None

    def Title(self):
        if self.title:
            return self.title
        file = getattr(self, "file", None)
        return (file and file.filename) or ""


def is_client_user(context):
    """True when the current user acts as a client here (role Mandant, not staff)."""
    roles = api.user.get_roles(obj=context)
    return "Mandant" in roles and not is_staff(context)


def on_added(doc, event):
    """Record who added it; client uploads are from the client and visible to them."""
    if api.user.is_anonymous():
        return
    doc.added_by = api.user.get_current().getId()
    if is_client_user(doc):
        doc.direction = FROM_CLIENT
        if api.content.get_state(doc) != "freigegeben":
            # The client may not release documents; the upload is theirs by definition.
            with api.env.adopt_roles(["Kanzlei"]):
                api.content.transition(obj=doc, transition="freigeben")
    else:
        # Staff may choose the state when adding (``_v_initial_state``, e.g. by
        # @@dokumente-hinzufuegen); otherwise the firm's default applies. Choosing
        # "intern" never passes through "freigegeben" (no notification goes out).
        default_state = getattr(
            doc, "_v_initial_state", None
        ) or api.portal.get_registry_record(
            "kanzlei.akte.document_default_state", default="freigegeben"
        )
        if default_state == "freigegeben" and api.content.get_state(doc) == "intern":
            api.content.transition(obj=doc, transition="freigeben")
    doc.reindexObject()
