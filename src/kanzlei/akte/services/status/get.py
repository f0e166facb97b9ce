"""GET /@akte-status/<client_number>: registration, last login, unread documents.

Never a password, hash, activation code or token.
"""

from DateTime import DateTime
from kanzlei.akte import readstate
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.services.base import get_mandant
from kanzlei.akte.services.base import isodate
from kanzlei.akte.services.base import TraversingIntegrationService
from kanzlei.akte.services.einladung.common import describe
from plone import api


NEVER = DateTime("2000/01/02")


def last_login(userid):
    user = api.user.get(userid=userid)
    if user is None:
        return None
    value = user.getProperty("login_time", None)
    if not value or not isinstance(value, DateTime) or value < NEVER:
        return None
    return value


def registration_state(mandant, targets):
    if not mandant.online_access:
        return "kein_zugang"
    if active_userids(mandant):
        return "registriert"
    states = {t["invitation"]["state"] for t in targets if t["invitation"]}
    if invitations.OPEN in states:
        return "eingeladen"
    if states:
        return "einladung_" + sorted(states)[0]
    return "nicht_eingeladen"


class StatusGet(TraversingIntegrationService):
    def reply(self):
        mandant = get_mandant("/".join(self.params))
        targets = [
            describe(t, invitations.current_invitation(t))
            for t in invitations.targets_of(mandant)
        ]
        users = active_userids(mandant)
        logins = [login for login in (last_login(u) for u in users) if login]
        catalog = api.portal.get_tool("portal_catalog")
        released = catalog.unrestrictedSearchResults(
            portal_type="Dokument",
            mandant_uid=api.content.get_uuid(mandant),
            direction=FROM_FIRM,
            review_state="freigegeben",
        )
        opened = [readstate.opened(u) for u in users]
        unread = sum(1 for b in released if not any(b.UID in o for o in opened))
        return {
            "client_number": mandant.client_number,
            "title": mandant.title,
            "online_access": bool(mandant.online_access),
            "registration_state": registration_state(mandant, targets),
            "registered_users": len(users),
            "last_login": isodate(max(logins)) if logins else None,
            "unread_documents": unread,
            "released_documents": len(released),
            "targets": targets,
        }
