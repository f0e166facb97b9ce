"""The firm's settings (Kanzlei-Einstellungen), stored in the Plone registry."""

from kanzlei.akte import _
from zope import schema
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


REGISTRY_PREFIX = "kanzlei.akte"

DOCUMENT_STATES = SimpleVocabulary(
    [
        SimpleTerm(
            "freigegeben",
            "freigegeben",
            _("state_freigegeben", default="freigegeben (der Mandant sieht es sofort)"),
        ),
        SimpleTerm(
            "intern",
            "intern",
            _("state_intern", default="intern (erst nach Freigabe sichtbar)"),
        ),
    ]
)

DEFAULT_CATEGORIES = [
    "Schriftsatz",
    "Korrespondenz",
    "Rechnung",
    "Vollmacht",
    "Urteil/Beschluss",
    "Vertrag",
    "Gutachten",
    "Sonstiges",
]

DEFAULT_EXTENSIONS = [
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv",
    "jpg", "jpeg", "png", "gif", "tif", "tiff", "heic", "eml", "msg", "zip",
]  # fmt: skip


class IAkteSettings(Interface):
    kanzlei_login = schema.TextLine(
        title=_("label_kanzlei_login", default="Kanzlei (Anmeldename)"),
        description=_(
            "help_kanzlei_login",
            default="Was Mandanten bei der Anmeldung im Feld Kanzlei eingeben",
        ),
        default="KLXRechtsanwälte",
        required=True,
    )
    datenbank = schema.TextLine(
        title=_("label_datenbank", default="Datenbank"),
        description=_(
            "help_datenbank",
            default="Was Mandanten bei der Anmeldung im Feld Datenbank eingeben",
        ),
        default="KLX",
        required=True,
    )
    inbox_email = schema.ASCIILine(
        title=_("label_inbox_email", default="E-Mail-Adresse des Kanzlei-Eingangs"),
        description=_(
            "help_inbox_email",
            default="Erhält Hinweise auf Uploads und Nachrichten, wenn kein "
            "Sachbearbeiter eingetragen ist",
        ),
        required=False,
    )
    document_default_state = schema.Choice(
        title=_(
            "label_document_default_state", default="Neue Dokumente der Kanzlei sind"
        ),
        vocabulary=DOCUMENT_STATES,
        default="freigegeben",
        required=True,
    )
    closed_mandate_access_days = schema.Int(
        title=_(
            "label_closed_mandate_access_days",
            default="Lesezugriff nach Abschluss eines Mandats (Tage)",
        ),
        default=365,
        min=0,
        required=True,
    )
    categories = schema.List(
        title=_("label_categories", default="Dokumentkategorien"),
        value_type=schema.TextLine(),
        default=list(DEFAULT_CATEGORIES),
        required=True,
    )
    invitation_valid_days = schema.Int(
        title=_(
            "label_invitation_valid_days", default="Gültigkeit einer Einladung (Tage)"
        ),
        default=30,
        min=1,
        required=True,
    )
    max_upload_mb = schema.Int(
        title=_("label_max_upload_mb", default="Größte Datei beim Hochladen (MB)"),
        default=100,
        min=1,
        required=True,
    )
    allowed_upload_extensions = schema.List(
        title=_("label_allowed_upload_extensions", default="Erlaubte Dateiendungen"),
        value_type=schema.TextLine(),
        default=list(DEFAULT_EXTENSIONS),
        required=True,
    )
    session_idle_seconds_client = schema.Int(
        title=_(
            "label_session_idle_seconds_client",
            default="Abmeldung nach Untätigkeit: Mandanten (Sekunden)",
        ),
        description=_(
            "help_session_idle_seconds_client",
            default="Ohne Anfrage so lange angemeldet (Browser und REST-Token von "
            "@login); 1800 = 30 Minuten",
        ),
        default=1800,
        min=1,
        required=True,
    )
    session_idle_seconds_staff = schema.Int(
        title=_(
            "label_session_idle_seconds_staff",
            default="Abmeldung nach Untätigkeit: Kanzlei (Sekunden)",
        ),
        description=_(
            "help_session_idle_seconds_staff",
            default="Für Mitarbeiterinnen und Mitarbeiter der Kanzlei; "
            "7200 = 2 Stunden",
        ),
        default=7200,
        min=1,
        required=True,
    )
    session_max_seconds = schema.Int(
        title=_(
            "label_session_max_seconds",
            default="Höchstdauer einer Anmeldung (Sekunden)",
        ),
        description=_(
            "help_session_max_seconds",
            default="Danach ist eine neue Anmeldung nötig, auch bei Aktivität; "
            "43200 = 12 Stunden",
        ),
        default=43200,
        min=1,
        required=True,
    )
    second_factor_staff = schema.Bool(
        title=_(
            "label_second_factor_staff",
            default="Zwei-Faktor-Anmeldung für die Kanzlei verlangen",
        ),
        description=_(
            "help_second_factor_staff",
            default="Mitarbeiterinnen und Mitarbeiter ohne zweiten Faktor werden "
            "nach der Anmeldung zur Einrichtung geschickt und können bis dahin "
            "nichts anderes tun. Für Mandanten bleibt sie freiwillig.",
        ),
        default=False,
        required=False,
    )
