"""Who is told: the mandate's clients, or the firm (responsible lawyer, else inbox)."""

from Acquisition import aq_chain
from kanzlei.akte import _
from kanzlei.akte import settings as akte_settings
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
from kanzlei.akte.questionnaires.interfaces import IFragebogenPdf
from kanzlei.akte.questionnaires.interfaces import IFragebogenRohdaten
from plone import api


def enclosing(obj, iface):
    for item in aq_chain(obj):
        if iface.providedBy(item):
            return item
    return None


def user_email(userid):
    user = api.user.get(userid=userid) if userid else None
    email = user.getProperty("email", "") if user is not None else ""
    return (email or "").strip()


def client_addresses(obj):
    """[(userid, email)] of the registered, active clients of the enclosing Mandant."""
    mandant = enclosing(obj, IMandant)
    if mandant is None:
        return []
    result = []
    for userid in sorted(active_userids(mandant)):
        email = user_email(userid)
        if email:
            result.append((userid, email))
    return result


def inbox_address():
    """The firm's inbox address from the control panel ("" while none is set)."""
    return (akte_settings.get("inbox_email") or "").strip()


def site_address():
    """The site's sender address (``plone.email_from_address``, or "")."""
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    return (address or "").strip()


def firm_address(obj):
    """Who at the firm is told: the responsible lawyer, else the firm's inbox
    address, else the site's own address. Never nobody while the site can mail."""
    mandat = enclosing(obj, IMandat)
    lawyer = getattr(mandat, "responsible_lawyer", None) if mandat is not None else None
    return user_email(lawyer) or inbox_address() or site_address()


def inbox_warning():
    """A German warning for the firm admin while no inbox address is set, else None."""
    if inbox_address():
        return None
    return _(
        "warning_no_inbox_email",
        default="Es ist keine E-Mail-Adresse des Kanzlei-Eingangs eingetragen. "
        "Hinweise auf Uploads und Nachrichten zu Mandaten ohne Sachbearbeiter gehen "
        "an die Absenderadresse der Website (${fallback}). Bitte tragen Sie die "
        "Eingangs-Adresse in den Einstellungen der Online-Akte ein.",
        mapping={"fallback": site_address() or "-"},
    )


def is_active_client(userid, mandat):
    mandant = enclosing(mandat, IMandant)
    return mandant is not None and userid in active_userids(mandant)


def is_questionnaire_twin(obj):
    """The raw JSON or the PDF twin of questionnaire answers: notifications ignore
    them (the HTML answers tell the lawyer once)."""
    return IFragebogenRohdaten.providedBy(obj) or IFragebogenPdf.providedBy(obj)


def is_questionnaire_answers(obj):
    return IFragebogenAntworten.providedBy(obj)
