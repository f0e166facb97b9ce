"""Password reset by e-mail: request a link, set a new password with it.

Tokens come from Plone's ``portal_password_reset`` tool: random, stored with an
expiry (``EXPIRY_DAYS``, set by the install step), deleted when used (single use).
Requests never reveal whether an account exists.
"""

from kanzlei.akte import _
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.language import recipients
from kanzlei.akte.mail.letterhead import compose_for_mailhost
from kanzlei.akte.pas import compat
from plone import api
from Products.CMFPlone.PasswordResetTool import ExpiredRequestError
from Products.CMFPlone.PasswordResetTool import InvalidRequestError
from zope.i18n import translate

import datetime
import logging


logger = logging.getLogger("kanzlei.akte.login")

EXPIRY_DAYS = 1


def find_user(name):
    """The user for a login name or a (unique) e-mail address, else None."""
    name = (name or "").strip()
    if not name:
        return None
    acl_users = api.portal.get_tool("acl_users")
    user = acl_users.getUser(name)
    if user is not None:
        return user
    if "@" in name:
        matches = {
            u["userid"]
            for u in acl_users.searchUsers(email=name, exact_match=True)
            if (u.get("email") or "").lower() == name.lower()
        }
        if len(matches) == 1:
            return acl_users.getUserById(matches.pop())
    return None


RESEND_AFTER = datetime.timedelta(minutes=5)


def recently_requested(tool, userid):
    """A link went out less than RESEND_AFTER ago (no mail flooding)."""
    lifetime = datetime.timedelta(days=tool.getExpirationTimeout())
    now = datetime.datetime.utcnow()
    for stored_user, expiry in compat.reset_requests(tool).values():
        if stored_user == userid and expiry - lifetime > now - RESEND_AFTER:
            return True
    return False


def request_reset(name, request):
    """Send a reset link if ``name`` is a known account with an e-mail address."""
    user = find_user(name)
    if user is None:
        logger.info("Password reset requested for unknown %r", name)
        return False
    member = api.user.get(userid=user.getId())
    email = member.getProperty("email") if member is not None else None
    if not email:
        logger.info("Password reset for %r: no e-mail address", user.getId())
        return False
    tool = api.portal.get_tool("portal_password_reset")
    if recently_requested(tool, user.getId()):
        logger.info("Password reset for %r: link sent minutes ago", user.getId())
        return False
    reset = tool.requestReset(user.getId())
    portal_url = api.portal.get().absolute_url()
    link = f"{portal_url}/passwordreset/{reset['randomstring']}"
    firm = branding.get("firm_name")
    # the account's language; without one, the language of the page that asked
    language = recipients.of_user(user.getId(), fallback=request.get("LANGUAGE"))
    subject = translate(
        _(
            "login_reset_mail_subject",
            default="Passwort für Ihre Online-Akte zurücksetzen",
        ),
        target_language=language,
    )
    body = translate(
        _(
            "login_reset_mail_body",
            default="Guten Tag,\n\n"
            "für Ihren Zugang zur Online-Akte von ${firm} wurde ein neues Passwort "
            "angefordert. Über diesen Link können Sie ein neues Passwort festlegen:\n\n"
            "${link}\n\n"
            "Der Link ist 24 Stunden gültig und funktioniert nur einmal. Wenn Sie "
            "kein neues Passwort angefordert haben, können Sie diese E-Mail "
            "ignorieren; Ihr bisheriges Passwort bleibt gültig.\n\n"
            "Mit freundlichen Grüßen\n${firm}",
            mapping={"firm": firm, "link": link},
        ),
        target_language=language,
    )
    try:
        api.portal.send_email(
            recipient=email,
            subject=subject,
            body=compose_for_mailhost(body, language),
            immediate=False,
        )
    except (ValueError, OSError):
        # No mail server set up: the firm sees it in the log; the answer stays the
        # same as for an unknown account (nobody learns whether it exists).
        logger.exception("Password reset mail for %r could not be queued", user.getId())
        return False
    return True


def userid_for_key(key):
    """The user id a valid, unexpired key belongs to; None otherwise."""
    tool = api.portal.get_tool("portal_password_reset")
    try:
        tool.verifyKey(key)
    except (InvalidRequestError, ExpiredRequestError):
        return None
    try:
        return compat.reset_requests(tool)[key][0]
    except (KeyError, TypeError):
        return None


def reset_password(key, password):
    """Set the password; the key is used up. Returns the user id or None."""
    userid = userid_for_key(key)
    if userid is None:
        return None
    tool = api.portal.get_tool("portal_password_reset")
    try:
        tool.resetPassword(userid, key, password)
    except (InvalidRequestError, ExpiredRequestError, RuntimeError):
        return None
    return userid
