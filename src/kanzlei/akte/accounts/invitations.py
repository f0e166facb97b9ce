"""Persistent invitations to the Online-Akte.

An invitation targets a Mandant itself or one of its Kontaktpersonen. All invitations of
a site live in one site annotation (``InvitationStore``): ``by_token`` maps the SHA-256
of the link token to the invitation (O(1) look-up from a link), ``by_target`` maps a
target key (``<mandant uid>/<kontaktperson uid or "">``) to the hash of its current
invitation. Older invitations of a target stay in ``by_token`` as revoked (history).

Nothing in clear: the token and the activation code are only kept as hashes; the clear
values are returned once, to the caller that created them.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from kanzlei.akte import settings
from kanzlei.akte.accounts import codes
from kanzlei.akte.annotations import site_data
from kanzlei.akte.language import recipients
from persistent import Persistent
from plone import api
from plone.app.uuid.utils import uuidToObject


STORE_KEY = "kanzlei.akte.invitations"
MAX_FAILED_ATTEMPTS = 5

# states of an invitation
OPEN = "offen"
USED = "verwendet"
LOCKED = "gesperrt"
EXPIRED = "abgelaufen"
REVOKED = "widerrufen"


class Invitation(Persistent):
    mail_failed = False
    code_issued = None
    language = None  # mail and letter; None (older invitations): the site's language

    def __init__(self, token_hash, code_hash, mandant_uid, kontakt_uid, email, days):
        now = datetime.now()
        self.token_hash = token_hash
        self.code_hash = code_hash
        self.mandant_uid = mandant_uid
        self.kontakt_uid = kontakt_uid
        self.email = email
        self.created = now
        self.expires = now + timedelta(days=days)
        self.code_issued = now if code_hash else None
        self.used = None
        self.used_by = None
        self.revoked = None
        self.failed_attempts = 0
        self.created_by = None

    @property
    def target_key(self):
        return target_key_for(self.mandant_uid, self.kontakt_uid)

    def state(self, now=None):
        now = now or datetime.now()
        if self.used:
            return USED
        if self.revoked:
            return REVOKED
        if self.failed_attempts >= MAX_FAILED_ATTEMPTS:
            return LOCKED
        if now >= self.expires:
            return EXPIRED
        return OPEN

    def is_open(self):
        return self.state() == OPEN

    @property
    def code_pending(self):
        """No activation code yet: the letter is still to be printed."""
        return not self.code_hash

    def check_code(self, code):
        """True for the right code; a wrong one counts as a failed attempt."""
        if self.code_hash and codes.verify_code(self.code_hash, code):
            return True
        self.failed_attempts += 1
        return False

    def mandant(self):
        return uuidToObject(self.mandant_uid, unrestricted=True)

    def target(self):
        """The Mandant or Kontaktperson invited (None when it was deleted)."""
        mandant = self.mandant()
        if mandant is None or not self.kontakt_uid:
            return mandant
        kontakt = uuidToObject(self.kontakt_uid, unrestricted=True)
        if kontakt is None or kontakt.__parent__ is None:
            return None
        if api.content.get_uuid(kontakt.__parent__) != self.mandant_uid:
            return None
        return kontakt


class InvitationStore(Persistent):
    def __init__(self):
        self.by_token = OOBTree()
        self.by_target = OOBTree()


def get_store(create=True):
    return site_data(STORE_KEY, InvitationStore if create else None)


def target_key_for(mandant_uid, kontakt_uid=None):
    return f"{mandant_uid}/{kontakt_uid or ''}"


def mandant_of(target):
    """The Mandant of a target (the target itself or the Kontaktperson's container)."""
    if target.portal_type == "Mandant":
        return target
    return target.__parent__


def split_target(target):
    mandant = mandant_of(target)
    kontakt_uid = None if target is mandant else api.content.get_uuid(target)
    return mandant, api.content.get_uuid(mandant), kontakt_uid


def target_key(target):
    _, mandant_uid, kontakt_uid = split_target(target)
    return target_key_for(mandant_uid, kontakt_uid)


def current_invitation(target):
    store = get_store(create=False)
    if store is None:
        return None
    token_hash = store.by_target.get(target_key(target))
    return store.by_token.get(token_hash) if token_hash else None


def find_by_token(token):
    """The invitation of a link token, whatever its state (None if unknown)."""
    if not token or len(token) > 200:
        return None
    store = get_store(create=False)
    if store is None:
        return None
    return store.by_token.get(codes.hash_token(token))


def registration_for(target):
    """(userid, details) of the user registered for this target, or (None, None)."""
    mandant, _, kontakt_uid = split_target(target)
    for userid, details in (mandant.portal_users or {}).items():
        if details.get("kontaktperson") == kontakt_uid:
            return userid, details
    return None, None


def create_invitation(target, email=None, with_code=True, language=None):
    """A new invitation for ``target``; an open one of the same target becomes void.

    ``language`` (mail and letter): else the target's "Korrespondenzsprache".

    Returns ``(invitation, token, code)``: token and code in clear, only this once
    (``code`` is None without ``with_code``). Callers: ``invite.invite``, which checks
    the rule first.
    """
    mandant, mandant_uid, kontakt_uid = split_target(target)
    email = email or target.email
    if not email:
        raise ValueError("target has no e-mail address")
    token = codes.generate_token()
    code = codes.generate_code() if with_code else None
    invitation = Invitation(
        token_hash=codes.hash_token(token),
        code_hash=codes.hash_code(code) if code else None,
        mandant_uid=mandant_uid,
        kontakt_uid=kontakt_uid,
        email=email,
        days=settings.get("invitation_valid_days"),
    )
    invitation.language = recipients.known(language) or recipients.of_target(target)
    user = api.user.get_current()
    invitation.created_by = user.getId() if user is not None else None
    store = get_store()
    previous = current_invitation(target)
    if previous is not None and not previous.used and not previous.revoked:
        previous.revoked = datetime.now()
    store.by_token[invitation.token_hash] = invitation
    store.by_target[invitation.target_key] = invitation.token_hash
    return invitation, token, code


def new_code(invitation):
    """A fresh activation code for an invitation (the old code is void); in clear, once.

    The link token stays the same, so the e-mail the client has keeps working. The count
    of wrong codes starts again, so this also unlocks a locked invitation.
    """
    code = codes.generate_code()
    invitation.code_hash = codes.hash_code(code)
    invitation.code_issued = datetime.now()
    invitation.failed_attempts = 0
    return code


def revoke(invitation):
    if not invitation.used and not invitation.revoked:
        invitation.revoked = datetime.now()


def use(invitation, userid):
    invitation.used = datetime.now()
    invitation.used_by = userid


def targets_of(mandant):
    """The Mandant itself and its Kontaktpersonen, in order."""
    kontakte = [
        obj for obj in mandant.objectValues() if obj.portal_type == "Kontaktperson"
    ]
    return [mandant, *kontakte]
