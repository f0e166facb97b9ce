"""The login form: Kanzlei, Datenbank, Benutzername, Passwort, button "Anmelden".

Plone's own form (Products.CMFPlone.browser.login.login.LoginForm) extended for our
browser layer: two more fields, German labels, a generic refusal message. The
checks themselves (Kanzlei/Datenbank, lockout, disabled accounts) are in the PAS
plugin (kanzlei.akte.pas.plugin), so they also hold for REST and HTTP Basic auth.
A user with a second factor goes on to ``@@anmeldung-bestaetigen`` instead of
being logged in (``kanzlei.akte.twofactor``).
"""

from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.pas import compat
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.plugin import refusal
from kanzlei.akte.twofactor import pending
from plone import api
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.browser.login.login import LoginForm
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import button
from z3c.form import field
from zope import schema
from zope.interface import Interface


GENERIC_FAILURE = _(
    "login_failed",
    default="Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie Kanzlei, Datenbank, "
    "Benutzername und Passwort (Groß- und Kleinschreibung beachten).",
)
LOCKED_MESSAGE = _(
    "login_locked",
    default="Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist vorübergehend "
    "gesperrt. Bitte versuchen Sie es in 15 Minuten erneut oder wenden Sie sich an "
    "die Kanzlei.",
)


class IAkteLoginSchema(Interface):
    # Not required on the server: a client that leaves them out entirely is not
    # checked (they are no secret); sent but wrong or empty means refused (PAS plugin).
    # The browser form marks them required.
    kanzlei = schema.TextLine(
        title=_("login_label_kanzlei", default="Kanzlei"),
        required=False,
    )
    datenbank = schema.TextLine(
        title=_("login_label_datenbank", default="Datenbank"),
        required=False,
    )
    ac_name = schema.TextLine(
        title=_("login_label_username", default="Benutzername"),
        required=True,
    )
    ac_password = schema.Password(
        title=_("login_label_password", default="Passwort"),
        required=True,
    )
    came_from = schema.TextLine(title="Came From", required=False)


PREFILL = (("kanzlei", "kanzlei_login"), ("datenbank", "datenbank"))


def failure_message(request):
    return LOCKED_MESSAGE if refusal(request) == LOCKED else GENERIC_FAILURE


class AkteLoginForm(LoginForm):
    fields = field.Fields(IAkteLoginSchema)
    label = _("login_heading", default="Anmeldung zur Online-Akte")

    def updateWidgets(self):
        super().updateWidgets()
        form = self.request.form
        for name, setting in PREFILL:
            widget = self.widgets[name]
            value = form.get(name)
            widget.value = value if isinstance(value, str) else settings.get(setting)
            widget.required = True
        # Keep the typed user name after a refusal (never the password).
        login_widget = self.widgets["ac_name"]
        typed = form.get(login_widget.name)
        if isinstance(typed, str):
            login_widget.value = typed

    @button.buttonAndHandler(_("login_button", default="Anmelden"), name="login")
    def handleLogin(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        membership_tool = getToolByName(self.context, "portal_membership")
        status = IStatusMessage(self.request)
        if membership_tool.isAnonymousUser():
            self.request.response.expireCookie("__ac", path="/")
            userid = pending.marked(self.request)
            if userid is not None:  # right password, second factor due
                self.request.response.redirect(
                    pending.start_second_step(
                        get_plugin(api.portal.get()),
                        self.request,
                        userid,
                        data.get("came_from") or "",
                    )
                )
                return
            status.addStatusMessage(failure_message(self.request), "error")
            return
        is_initial_login = compat.post_login(self)
        status.addStatusMessage(
            _("login_welcome", default="Willkommen! Sie sind jetzt angemeldet."), "info"
        )
        self.redirect_after_login(data.get("came_from"), is_initial_login)
