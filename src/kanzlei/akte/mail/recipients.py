"""Who is told: the mandate's clients, or the firm (responsible lawyer, else inbox)."""

from Acquisition import aq_chain
from kanzlei.akte import settings as akte_settings
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
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


def firm_address(obj):
    """The responsible lawyer's e-mail, else the firm's inbox address (or "")."""
    mandat = enclosing(obj, IMandat)
    lawyer = getattr(mandat, "responsible_lawyer", None) if mandat is not None else None
    email = user_email(lawyer)
    return email or (akte_settings.get("inbox_email") or "").strip()


def is_active_client(userid, mandat):
    mandant = enclosing(mandat, IMandant)
    return mandant is not None and userid in active_userids(mandant)


def is_questionnaire_raw_data(obj):
    """The raw JSON twin of questionnaire answers: notifications ignore it."""
    return IFragebogenRohdaten.providedBy(obj)


def is_questionnaire_answers(obj):
    return IFragebogenAntworten.providedBy(obj)
