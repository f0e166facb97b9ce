"""What the registration page checks and does (the view only shows it).

``check(invitation, code, username, password, password2)`` returns the problems per
field without changing anything but the invitation's count of wrong codes;
``register(invitation, username, password)`` creates the user, links it to the Mandant
and uses the invitation up. A person who already has a login (invited by a second
Mandant) links it instead: ``check_link(invitation, code, userid)`` and
``link_existing(invitation, userid)`` — one login that sees both Mandanten.
"""

from kanzlei.akte import _
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts import tombstones
from kanzlei.akte.accounts.emails import email_in_use
from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.accounts.links import mandanten_for_user
from kanzlei.akte.accounts.passwords import password_problems
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.language import recipients
from plone import api

import re


USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{2,63}$")

# Never a user id that another principal or a system account already means.
RESERVED_USERNAMES = {
    "admin",
    "administrator",
    "anonymous",
    "anonymous user",
    "authenticated",
    "authenticatedusers",
    "administrators",
    "site administrators",
    "kanzlei",
    "kanzlei-admin",
    "manager",
    "owner",
    "plone",
    "root",
    "system",
    "zope",
}

MSG_CODE_MISSING = _(
    "onboarding_reg_code_missing", default="Bitte geben Sie Ihren Aktivierungscode ein."
)
MSG_CODE_WRONG = _(
    "onboarding_reg_code_wrong",
    default="Der Aktivierungscode ist nicht richtig. Bitte prüfen Sie ihn (Groß- und "
    "Kleinschreibung spielt keine Rolle) und geben Sie ihn erneut ein.",
)
MSG_USERNAME_MISSING = _(
    "onboarding_reg_username_missing", default="Bitte wählen Sie einen Benutzernamen."
)
MSG_USERNAME_SPACE = _(
    "onboarding_reg_username_space",
    default="Der Benutzername darf keine Leerzeichen enthalten.",
)
MSG_USERNAME_CHARS = _(
    "onboarding_reg_username_chars",
    default="Der Benutzername muss 3 bis 64 Zeichen lang sein, mit einem Buchstaben "
    "oder einer Ziffer beginnen und darf nur Buchstaben ohne Umlaute, Ziffern und "
    "die Zeichen . _ - @ + enthalten.",
)
MSG_USERNAME_TAKEN = _(
    "onboarding_reg_username_taken",
    default="Dieser Benutzername ist nicht verfügbar. Bitte wählen Sie einen anderen.",
)
MSG_PASSWORD_MISSING = _(
    "onboarding_reg_password_missing", default="Bitte wählen Sie ein Passwort."
)
MSG_PASSWORD_MISMATCH = _(
    "onboarding_reg_password_mismatch",
    default="Die beiden Passwörter stimmen nicht überein. Bitte geben Sie das "
    "Passwort zweimal gleich ein.",
)


def fullname_of(invitation):
    target = invitation.target()
    return target.Title() if target is not None else ""


MSG_LINK_STAFF = _(
    "accounts_link_staff",
    default="Mit einem Zugang der Kanzlei kann keine Einladung eines Mandanten "
    "angenommen werden. Bitte melden Sie sich ab und registrieren Sie sich neu.",
)
MSG_LINK_ALREADY = _(
    "accounts_link_already",
    default="Ihr Zugang ist mit diesem Mandanten bereits verbunden.",
)


def principal_taken(username):
    """Taken by a user (id, login or e-mail) or a group, ignoring case, or the id of
    a deleted account (never given to another person)."""
    lowered = username.lower()
    if lowered in RESERVED_USERNAMES or tombstones.is_buried(username):
        return True
    acl_users = api.portal.get_tool("acl_users")
    for info in acl_users.searchUsers(login=username) + acl_users.searchUsers(
        id=username
    ):
        if lowered in (info.get("login", "").lower(), info.get("id", "").lower()):
            return True
    for info in acl_users.searchGroups(id=username):
        if info.get("id", "").lower() == lowered:
            return True
    registration = api.portal.get_tool("portal_registration")
    return not registration.isMemberIdAllowed(username)


def someone_elses_email(username, own_email):
    if "@" not in username or username.lower() == (own_email or "").lower():
        return False
    return email_in_use(username)


def username_problems(username, own_email=None, check_taken=True):
    if not username:
        return [MSG_USERNAME_MISSING]
    if any(c.isspace() for c in username):
        return [MSG_USERNAME_SPACE]
    if not USERNAME_RE.match(username):
        return [MSG_USERNAME_CHARS]
    if not check_taken:
        return []
    # The same message for all three: nobody learns whose name or address it is.
    if principal_taken(username) or someone_elses_email(username, own_email):
        return [MSG_USERNAME_TAKEN]
    return []


def check(invitation, code, username, password, password2):
    """Problems per field ("code", "username", "password", "password2").

    A wrong code counts against the invitation (persistent; 5 lock it). Nothing else
    is changed. Whether a username is taken is only told with the right code, so the
    link alone does not let anyone probe for usernames.
    """
    problems = {}
    if not (code or "").strip():
        problems["code"] = [MSG_CODE_MISSING]
    elif not invitation.check_code(code):
        problems["code"] = [MSG_CODE_WRONG]
    with api.env.adopt_roles(["Manager"]):
        user_problems = username_problems(
            username, invitation.email, check_taken="code" not in problems
        )
    if user_problems:
        problems["username"] = user_problems
    if not password:
        problems["password"] = [MSG_PASSWORD_MISSING]
    else:
        pw_problems = password_problems(password, username, fullname_of(invitation))
        if pw_problems:
            problems["password"] = pw_problems
        elif password != password2:
            problems["password2"] = [MSG_PASSWORD_MISMATCH]
    return problems


def register(invitation, username, password, language=None):
    """Create the user, link it to the Mandant, use up the invitation; the id.

    The account's language: ``language`` (the one the person chose on the page),
    else the invitation's.
    """
    target = invitation.target()
    mandant = invitation.mandant()
    kontakt = target if invitation.kontakt_uid else None
    with api.env.adopt_roles(["Manager"]):
        user = api.user.create(
            email=invitation.email,
            username=username,
            password=password,
            properties={
                "fullname": target.Title(),
                "language": recipients.known(language)
                or recipients.of_invitation(invitation),
            },
        )
        userid = user.getId()
        link_user(mandant, userid, kontakt)
        invitations.use(invitation, userid)
    return userid


def check_link(invitation, code, userid):
    """Problems ("code", "form") of linking an existing login to this invitation."""
    problems = {}
    user = api.user.get(userid=userid)
    if user is None or is_staff(user=user):
        return {"form": [MSG_LINK_STAFF]}
    if any(
        api.content.get_uuid(m) == invitation.mandant_uid
        for m in mandanten_for_user(userid)
    ):
        return {"form": [MSG_LINK_ALREADY]}
    if not (code or "").strip():
        problems["code"] = [MSG_CODE_MISSING]
    elif not invitation.check_code(code):
        problems["code"] = [MSG_CODE_WRONG]
    return problems


def link_existing(invitation, userid):
    """Link an existing client login to the invitation's Mandant; use it up."""
    target = invitation.target()
    kontakt = target if invitation.kontakt_uid else None
    with api.env.adopt_roles(["Manager"]):
        link_user(invitation.mandant(), userid, kontakt)
        invitations.use(invitation, userid)
    return userid
