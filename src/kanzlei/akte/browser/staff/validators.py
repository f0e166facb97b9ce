"""z3c.form validators of the staff forms: unique keys, missing file.

(Invalid e-mail addresses are refused by the Email field itself, in German:
"Die angegebene E-Mail ist ungültig.")

Registered for every form that shows these fields (add, edit, the Mandant add form
with its first Mandat). German messages; the form keeps what was typed and nothing
is stored.
"""

from kanzlei.akte import _
from kanzlei.akte.content.dokument import IDokument
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.content.validation import assert_unique
from kanzlei.akte.content.validation import duplicate_client_number
from kanzlei.akte.content.validation import duplicate_file_number
from kanzlei.akte.content.validation import normalize_key
from kanzlei.akte.uploads import policy
from kanzlei.akte.uploads.guard import EXTERNAL_ID_FIRM_ONLY
from kanzlei.akte.uploads.names import sanitize_name
from plone.namedfile.interfaces import INamed
from z3c.form import validator
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.schema.interfaces import RequiredMissing


class IErstesMandat(Interface):
    """The fieldset "Erstes Mandat" of the Mandant add form."""

    mandat_title = schema.TextLine(
        title=_("label_subject", default="Gegenstand"),
        description=_(
            "staff_help_first_mandate",
            default="Leer lassen, um nur den Mandanten anzulegen.",
        ),
        required=False,
    )
    mandat_file_number = schema.TextLine(
        title=_("label_file_number", default="Aktenzeichen"),
        description=_("help_file_number", default="z. B. 123/26; eindeutig"),
        required=False,
    )
    mandat_opposing_party = schema.TextLine(
        title=_("label_opposing_party", default="Gegner"), required=False
    )
    mandat_responsible_lawyer = schema.Choice(
        title=_("label_responsible_lawyer", default="Sachbearbeiter"),
        vocabulary="kanzlei.akte.staff",
        required=False,
    )


def _own(context, iface):
    """The object being edited (None in add forms, whose context is the container)."""
    return context if iface.providedBy(context) else None


class UniqueValidator(validator.SimpleFieldValidator):
    index = None
    portal_type = None
    iface = None

    def message(self, value):
        raise NotImplementedError

    def validate(self, value, force=False):
        super().validate(value, force)
        if not normalize_key(value) or not isinstance(value, str):
            return
        assert_unique(
            self.index,
            value,
            self.portal_type,
            context=_own(self.context, self.iface),
            message=self.message(normalize_key(value)),
        )


class ClientNumberValidator(UniqueValidator):
    index = "client_number"
    portal_type = "Mandant"
    iface = IMandant

    def message(self, value):
        return duplicate_client_number(value)


class FileNumberValidator(UniqueValidator):
    index = "file_number"
    portal_type = "Mandat"
    iface = IMandat

    def message(self, value):
        return duplicate_file_number(value)


class FirstMandateFileNumberValidator(FileNumberValidator):
    """The same check for the fieldset "Erstes Mandat" (one class per field:
    the discriminators are stored on the class)."""


class FileValidator(validator.SimpleFieldValidator):
    """Missing file; the portal's upload rules (``kanzlei.akte.uploads``) as a form
    error next to the field (the Dokument subscriber enforces them anyway)."""

    def validate(self, value, force=False):
        try:
            super().validate(value, force)
        except RequiredMissing as error:
            raise Invalid(
                _(
                    "staff_error_missing_file",
                    default="Bitte wählen Sie eine Datei aus.",
                )
            ) from error
        if not INamed.providedBy(value):
            return  # no new file (edit form: keep the current one)
        refused = policy.problem(
            sanitize_name(value.filename, fallback="dokument"),
            value.getSize(),
            check_type=not policy.trusted_uploader(self.context),
        )
        if refused is not None:
            raise Invalid(refused.msgid)


class ExternalIdValidator(validator.SimpleFieldValidator):
    """Only staff and integrations set the law-office software's document id."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value and not policy.trusted_uploader(self.context):
            raise Invalid(EXTERNAL_ID_FIRM_ONLY)


validator.WidgetValidatorDiscriminators(
    ClientNumberValidator, field=IMandant["client_number"]
)
validator.WidgetValidatorDiscriminators(
    FileNumberValidator, field=IMandat["file_number"]
)
validator.WidgetValidatorDiscriminators(
    FirstMandateFileNumberValidator, field=IErstesMandat["mandat_file_number"]
)
validator.WidgetValidatorDiscriminators(FileValidator, field=IDokument["file"])
validator.WidgetValidatorDiscriminators(
    ExternalIdValidator, field=IDokument["external_id"]
)
