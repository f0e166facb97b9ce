"""Password reset by e-mail and password change (German, our password policy).

Replaces Plone's ``@@login-help``, ``@@mail_password``/``@@mail_password_form``,
``passwordreset`` and ``@@change-password`` for our browser layer. Setting a password
fires PAS' CredentialsUpdated event; ``kanzlei.akte.pas.revocation`` then stores an
argon2 hash and ends the user's other sessions and REST tokens.
"""

from kanzlei.akte import _
from kanzlei.akte.accounts.passwords import check_password
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas import reset
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.plugin import refusal
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


RESET_SENT = _(
    "login_reset_sent",
    default="Wenn ein Konto zu dieser Angabe existiert, haben wir eine E-Mail mit "
    "einem Link zum Zurücksetzen des Passworts an die hinterlegte Adresse gesendet. "
    "Der Link ist 24 Stunden gültig und funktioniert nur einmal.",
)
MISMATCH = _(
    "login_password_mismatch", default="Die beiden Passwörter stimmen nicht überein."
)


def form_text(request, name):
    """A form value as text (a repeated or odd field counts as empty)."""
    value = request.form.get(name, "")
    return value if isinstance(value, str) else ""


def fullname_of(userid):
    member = api.user.get(userid=userid)
    return (member.getProperty("fullname") or "") if member is not None else ""


def login_name_of(userid):
    user = api.portal.get_tool("acl_users").getUserById(userid)
    return user.getUserName() if user is not None else userid


def new_password_problems(request, password, confirm, userid):
    """German messages; [] when the new password is acceptable."""
    problems = []
    if password != confirm:
        problems.append(translate(MISMATCH, context=request))
    problems.extend(
        check_password(password, login_name_of(userid), fullname_of(userid))
    )
    return problems


class ResetRequestView(BrowserView):
    """``@@login-help``: ask for a reset link (user name or e-mail address)."""

    template = ViewPageTemplateFile("templates/reset_request.pt")

    def __call__(self):
        if self.request.method == "POST" and "form.submitted" in self.request.form:
            CheckAuthenticator(self.request)
            reset.request_reset(form_text(self.request, "name"), self.request)
            IStatusMessage(self.request).add(RESET_SENT, "info")
            portal_url = api.portal.get().absolute_url()
            self.request.response.redirect(f"{portal_url}/@@login-help")
            return ""
        return self.template()


class ToResetRequest(BrowserView):
    """Plone's old ``mail_password(_form)``: they told whether a user exists."""

    def __call__(self):
        portal_url = api.portal.get().absolute_url()
        self.request.response.redirect(f"{portal_url}/@@login-help")
        return ""


@implementer(IPublishTraverse)
class ResetView(BrowserView):
    """``/passwordreset/<key>``: set a new password with the link from the e-mail."""

    template = ViewPageTemplateFile("templates/reset_form.pt")
    key = None
    errors = ()
    invalid = False

    def publishTraverse(self, request, name):
        if self.key is None:
            self.key = name
        return self

    def __call__(self):
        key = self.key or form_text(self.request, "key")
        userid = reset.userid_for_key(key) if key else None
        if userid is None:
            self.invalid = True
            self.request.response.setStatus(404)
            return self.template()
        if self.request.method == "POST" and "form.submitted" in self.request.form:
            CheckAuthenticator(self.request)
            password = form_text(self.request, "password")
            confirm = form_text(self.request, "password_confirm")
            self.errors = new_password_problems(self.request, password, confirm, userid)
            if not self.errors:
                if reset.reset_password(key, password) is None:
                    self.invalid = True
                    return self.template()
                lockout.unlock(login_name_of(userid))
                IStatusMessage(self.request).add(
                    _(
                        "login_reset_done",
                        default="Ihr neues Passwort ist gespeichert. Bitte melden Sie "
                        "sich damit an. Alle bisherigen Anmeldungen wurden beendet.",
                    ),
                    "info",
                )
                portal_url = api.portal.get().absolute_url()
                self.request.response.redirect(f"{portal_url}/login")
                return ""
        return self.template()


class ChangePasswordView(BrowserView):
    """``@@change-password``: current password, new password twice."""

    template = ViewPageTemplateFile("templates/change_password.pt")
    errors = ()

    def __call__(self):
        if self.request.method == "POST" and "form.submitted" in self.request.form:
            CheckAuthenticator(self.request)
            self.errors = self.change()
            if not self.errors:
                IStatusMessage(self.request).add(
                    _(
                        "login_password_changed",
                        default="Ihr Passwort wurde geändert. Ihre anderen "
                        "Anmeldungen (andere Browser, Apps) wurden beendet.",
                    ),
                    "info",
                )
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.template()

    def change(self):
        user = api.user.get_current()
        userid = user.getId()
        plugin = get_plugin(api.portal.get())
        current = {
            "login": user.getUserName(),
            "password": form_text(self.request, "current"),
        }
        if plugin is None or not plugin.verify_password(current):
            if refusal(self.request) == LOCKED:
                message = _(
                    "login_password_change_locked",
                    default="Zu viele Fehlversuche. Bitte versuchen Sie es später "
                    "erneut.",
                )
            else:
                message = _(
                    "login_password_current_wrong",
                    default="Das aktuelle Passwort ist nicht richtig.",
                )
            return [translate(message, context=self.request)]
        password = form_text(self.request, "password")
        confirm = form_text(self.request, "password_confirm")
        problems = new_password_problems(self.request, password, confirm, userid)
        if problems:
            return problems
        api.portal.get_tool("acl_users").userSetPassword(userid, password)
        return []
