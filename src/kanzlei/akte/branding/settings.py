"""Registry records of the firm's look (prefix ``kanzlei.akte.branding``)."""

from kanzlei.akte import _
from plone import api
from zope import schema
from zope.interface import Interface


PREFIX = "kanzlei.akte.branding"

DEFAULT_STATEMENT = (
    "Wir möchten, dass alle Menschen die Online-Akte nutzen können. Sie richtet sich "
    "nach den Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, und nach dem "
    "Barrierefreiheitsstärkungsgesetz (BFSG).\n\n"
    "Stand der Vereinbarkeit: Die Seiten für Mandantinnen und Mandanten werden bei "
    "jeder Änderung automatisch auf die Regeln der Stufen A und AA geprüft; alle "
    "Funktionen sind mit der Tastatur bedienbar.\n\n"
    "Nicht barrierefreie Inhalte: Dokumente, die die Kanzlei oder Dritte erstellt "
    "haben (z. B. eingescannte Schreiben), sind nicht immer barrierefrei. Auf Wunsch "
    "erhalten Sie sie in einer zugänglichen Form.\n\n"
    "Feedback und Kontakt: Wenn Ihnen Barrieren auffallen, schreiben Sie uns bitte "
    "(Kontakt unten auf jeder Seite).\n\n"
    "Schlichtungsverfahren: Bleibt Ihre Rückmeldung ohne befriedigende Antwort, können "
    "Sie sich an die zuständige Marktüberwachungsbehörde Ihres Bundeslandes wenden."
)


class IBrandingSettings(Interface):
    firm_name = schema.TextLine(
        title=_("label_firm_name", default="Name der Kanzlei"),
        default="KLX Rechtsanwälte",
        required=True,
    )
    firm_address = schema.Text(
        title=_("label_firm_address", default="Anschrift der Kanzlei"),
        description=_(
            "help_brand_firm_address",
            default="Im Briefkopf, in der Fußzeile der Seiten und in E-Mails",
        ),
        default="",
        required=False,
    )
    brand_color = schema.TextLine(
        title=_("label_brand_color", default="Hausfarbe der Online-Akte"),
        description=_(
            "help_brand_color_contrast",
            default="Als Hexwert, z. B. #1f4e79; für Kopfzeile und Schaltflächen mit "
            "weißer Schrift, daher Kontrast mindestens 4,5 : 1 (WCAG AA).",
        ),
        default="#1f4e79",
        required=False,
    )
    logo = schema.Bytes(
        title=_("label_brand_logo", default="Logo der Kanzlei"),
        description=_(
            "help_brand_logo",
            default="SVG oder PNG. Skripte und Verweise in SVG-Dateien werden "
            "entfernt. Das Logo ist auch das Favicon.",
        ),
        required=False,
    )
    phone = schema.TextLine(
        title=_("label_brand_phone", default="Telefon der Kanzlei"),
        default="",
        required=False,
    )
    email = schema.TextLine(
        title=_("label_brand_email", default="E-Mail-Adresse für Mandanten"),
        default="",
        required=False,
    )
    imprint_url = schema.URI(
        title=_("label_brand_imprint_url", default="Adresse des Impressums"),
        required=False,
    )
    privacy_url = schema.URI(
        title=_("label_brand_privacy_url", default="Adresse der Datenschutzerklärung"),
        required=False,
    )
    accessibility_statement = schema.Text(
        title=_(
            "label_brand_accessibility",
            default="Erklärung zur Barrierefreiheit",
        ),
        description=_(
            "help_brand_accessibility",
            default="Die Seite „Barrierefreiheit“; eine Vorlage, die die Kanzlei "
            "anpasst. Absätze durch Leerzeilen trennen.",
        ),
        default=DEFAULT_STATEMENT,
        required=False,
    )


def get(name):
    default = IBrandingSettings[name].default
    return api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)


class Contact:
    """The firm as clients see it: name, address lines, phone, e-mail, legal links.

    One place for the pages' header and footer, the letter and the e-mails.
    """

    def __init__(self):
        self.firm_name = get("firm_name") or ""
        address = get("firm_address") or ""
        self.address_lines = [line.strip() for line in address.splitlines() if line]
        self.phone = get("phone") or ""
        self.email = get("email") or ""
        self.imprint_url = get("imprint_url") or ""
        self.privacy_url = get("privacy_url") or ""

    @property
    def phone_href(self):
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")
