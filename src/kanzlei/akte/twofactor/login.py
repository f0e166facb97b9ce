"""The second step of a login: the code from the app (or a recovery code).

``attempt`` is shared by the browser page (``@@anmeldung-bestaetigen``) and
``POST @login`` (``browser/login/rest.py``): lockouts and the failure counters
are the ones of the password (``pas/lockout.py``, ``accounts/failures.py``), so a
wrong code counts like a wrong password. ``complete_login`` then does what
Plone's login form does after a password login (login time, ``UserLoggedInEvent``,
the plone.session cookie).
"""

from AccessControl.SecurityManagement import newSecurityManager
from kanzlei.akte import _
from kanzlei.akte.accounts import access
from kanzlei.akte.accounts import failures
from kanzlei.akte.browser.login.login import LOCKED_MESSAGE
from kanzlei.akte.browser.login.password import form_text
from kanzlei.akte.browser.login.password import login_name_of
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import devices
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.clientip import client_ip
from kanzlei.akte.pas.plugin import FAILED
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.plugin import refusal
from kanzlei.akte.twofactor import events
from kanzlei.akte.twofactor import pending
from kanzlei.akte.twofactor import store
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.component import getMultiAdapter
from zope.event import notify
from zope.i18n import translate

import logging


logger = logging.getLogger("kanzlei.akte.login")

MSG_WRONG_CODE = _(
    "twofactor_code_wrong",
    default="Der Code ist nicht richtig oder abgelaufen. Bitte geben Sie den "
    "aktuellen Code aus Ihrer Authenticator-App oder einen unbenutzten "
    "Wiederherstellungscode ein.",
)
MSG_EXPIRED = _(
    "twofactor_pending_expired",
    default="Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut mit "
    "Benutzername und Passwort an.",
)


def attempt(pas_plugin, request, userid, code):
    """``"totp"`` or ``"recovery"`` when the code is right (the login may go on),
    else ``LOCKED`` or ``FAILED``; a wrong code counts as a failed login."""
    login = login_name_of(userid)
    ip = client_ip(request, pas_plugin)
    throttled = failures.ip_blocked(ip, pas_plugin) and not devices.trusted(
        request, login
    )
    if throttled or lockout.locked_until(pas_plugin, login):
        notify(events.SecondFactorFailed(userid, "locked"))
        return LOCKED
    if access.is_refused(userid):
        return FAILED
    kind = store.check_code(pas_plugin, userid, code)
    if kind is None:
        pas_plugin.record_failure(request, login, ip)
        notify(events.SecondFactorFailed(userid, "wrong_code"))
        return LOCKED if refusal(request) == LOCKED else FAILED
    pas_plugin.login_succeeded(request, login)
    notify(events.SecondFactorUsed(userid, kind))
    logger.info("Second factor (%s) of %r accepted", kind, userid)
    return kind


def complete_login(portal, request, userid):
    """Log ``userid`` in (both factors checked): (login view, first login?)."""
    user = portal.acl_users.getUserById(userid)
    newSecurityManager(request, user)
    login_view = getMultiAdapter((portal, request), name="login")
    return login_view, compat.post_login(login_view)


class SecondStepView(BrowserView):
    """``@@anmeldung-bestaetigen``: code field, "Anmelden"."""

    template = ViewPageTemplateFile("templates/second_step.pt")
    error = None

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        portal = api.portal.get()
        pas_plugin = store.plugin()
        token = self.request.cookies.get(pending.COOKIE, "")
        userid = pending.verify(pas_plugin, token) if pas_plugin else None
        if userid is None:
            return self.back_to_login(MSG_EXPIRED)
        if self.request.method == "POST" and "form.submitted" in self.request.form:
            CheckAuthenticator(self.request)
            result = attempt(
                pas_plugin, self.request, userid, form_text(self.request, "code")
            )
            if result == LOCKED:
                return self.back_to_login(LOCKED_MESSAGE)
            if result == FAILED:
                self.error = translate(MSG_WRONG_CODE, context=self.request)
                self.request.response.setStatus(401)
                return self.template()
            pending.expire_cookie(self.request.response)
            login_view, initial = complete_login(portal, self.request, userid)
            IStatusMessage(self.request).add(
                _("login_welcome", default="Willkommen! Sie sind jetzt angemeldet."),
                "info",
            )
            login_view.redirect_after_login(self.came_from(), initial)
            return ""
        return self.template()

    def came_from(self):
        return form_text(self.request, "came_from")

    def back_to_login(self, message):
        pending.expire_cookie(self.request.response)
        IStatusMessage(self.request).add(message, "error")
        self.request.response.redirect(f"{api.portal.get().absolute_url()}/login")
        return ""


__all__ = ["FAILED", "LOCKED", "attempt", "complete_login"]
