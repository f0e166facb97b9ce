"""String substitutions (plone.stringinterp) for content rules and our mails.

In a rule (context: the document or message) they describe that item; when the sender
renders a (digest) mail it wraps the context with ``akte_digest`` (see ``digest``), and
the same names describe everything the mail is about.
"""

from kanzlei.akte import _
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.mail import links
from kanzlei.akte.mail import recipients
from kanzlei.akte.mail import settings
from plone.stringinterp.adapters import BaseSubstitution
from zope.component import adapter
from zope.interface import Interface


CATEGORY = _("mail_substitution_category", default="Online-Akte")


def _digest(substitution):
    return getattr(substitution.wrapper, "akte_digest", None)


@adapter(Interface)
class MandantEmails(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_mandant_emails",
        default="E-Mail-Adressen der registrierten Mandanten-Benutzer der Akte",
    )

    def safe_call(self):
        digest = _digest(self)
        if digest is not None:
            return digest.email
        return ", ".join(
            email for _userid, email in recipients.client_addresses(self.context)
        )


@adapter(Interface)
class SachbearbeiterEmail(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_sachbearbeiter_email",
        default="E-Mail des Sachbearbeiters, sonst die Eingangs-Adresse der Kanzlei",
    )

    def safe_call(self):
        return recipients.firm_address(self.context)


@adapter(Interface)
class KanzleiName(BaseSubstitution):
    category = CATEGORY
    description = _("mail_substitution_kanzlei_name", default="Name der Kanzlei")

    def safe_call(self):
        return branding.get("firm_name") or ""


@adapter(Interface)
class AkteUrl(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_akte_url",
        default="Link zur Akte (bei mehreren Akten: zum Portal); Anmeldung nötig",
    )

    def safe_call(self):
        digest = _digest(self)
        if digest is not None:
            return digest.akte_url
        mandat = recipients.enclosing(self.context, IMandat)
        return links.url_of(mandat) if mandat is not None else links.base_url()


@adapter(Interface)
class EinstellungenUrl(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_einstellungen_url",
        default="Link, unter dem Mandanten einstellen, wie oft sie benachrichtigt "
        "werden",
    )

    def safe_call(self):
        digest = _digest(self)
        return links.settings_url(digest.base if digest is not None else None)


@adapter(Interface)
class EingangUrl(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_eingang_url", default="Link zum Eingang der Kanzlei"
    )

    def safe_call(self):
        digest = _digest(self)
        return links.inbox_url(digest.base if digest is not None else None)


@adapter(Interface)
class AnzahlDokumente(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_anzahl_dokumente",
        default="Anzahl der neuen Dokumente bzw. Eingänge in dieser E-Mail",
    )

    def safe_call(self):
        digest = _digest(self)
        return str(digest.total if digest is not None else 1)


@adapter(Interface)
class AktenListe(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_akten_liste",
        default="Je Akte eine Zeile mit Anzahl und Link (Details nur, wenn in den "
        "Einstellungen eingeschaltet)",
    )

    def safe_call(self):
        digest = _digest(self)
        if digest is not None:
            return digest.listing()
        mandat = recipients.enclosing(self.context, IMandat)
        return links.url_of(mandat) if mandat is not None else links.base_url()


@adapter(Interface)
class Aktenzeichen(BaseSubstitution):
    category = CATEGORY
    description = _(
        "mail_substitution_aktenzeichen",
        default="Aktenzeichen (leer, solange Details in E-Mails ausgeschaltet sind)",
    )

    def safe_call(self):
        if not settings.get("show_details"):
            return ""
        digest = _digest(self)
        if digest is not None:
            return ", ".join(m.file_number or "" for m, _items in digest.groups)
        mandat = recipients.enclosing(self.context, IMandat)
        return (mandat.file_number or "") if mandat is not None else ""
