"""Settings of the notifications (registry prefix ``kanzlei.akte.mail``)."""

from kanzlei.akte import _
from plone import api
from zope import schema
from zope.interface import Interface


REGISTRY_PREFIX = "kanzlei.akte.mail"


class INotificationSettings(Interface):
    show_details = schema.Bool(
        title=_("mail_label_show_details", default="Details in E-Mails nennen"),
        description=_(
            "mail_help_show_details",
            default="Aus: Benachrichtigungen nennen weder Dokument noch Aktenzeichen "
            "noch Beteiligte, nur einen Link zur Akte (empfohlen). An: Aktenzeichen, "
            "Gegenstand und Dokumenttitel stehen in der E-Mail.",
        ),
        default=False,
        required=False,
    )
    default_digest_minutes = schema.Int(
        title=_(
            "mail_label_default_digest_minutes",
            default="Sammelintervall für Mandanten (Minuten)",
        ),
        description=_(
            "mail_help_default_digest_minutes",
            default="Neue Dokumente innerhalb dieser Zeit ergeben eine E-Mail. Gilt, "
            "solange der Mandant nichts anderes gewählt hat.",
        ),
        default=10,
        min=1,
        max=1440,
        required=True,
    )
    daily_hour = schema.Int(
        title=_("mail_label_daily_hour", default="Uhrzeit der täglichen Sammel-E-Mail"),
        default=7,
        min=0,
        max=23,
        required=True,
    )
    public_url = schema.TextLine(
        title=_("mail_label_public_url", default="Öffentliche Adresse des Portals"),
        description=_(
            "mail_help_public_url",
            default="z. B. https://akte.kanzlei.de – für Links in E-Mails. Leer: die "
            "Adresse, unter der das Portal beim Ereignis aufgerufen wurde.",
        ),
        required=False,
    )
    retry_minutes = schema.Int(
        title=_(
            "mail_label_retry_minutes",
            default="Erneuter Versuch nach Fehler des Mailservers (Minuten)",
        ),
        default=5,
        min=1,
        required=True,
    )


def get(name):
    default = INotificationSettings[name].default
    return api.portal.get_registry_record(f"{REGISTRY_PREFIX}.{name}", default=default)
