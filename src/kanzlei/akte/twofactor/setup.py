"""``@@anmeldung-absichern``: set up, look at and switch off the second factor.

Reached from "Meine Daten" (clients) and the personal menu (everybody, staff
included). Setting up: a new secret as QR code (inline SVG) and as text; it is
active only when the user confirms it with a current code. Then the 10 recovery
codes are shown once (only their argon2 hashes are stored), and the user's sessions
in other browsers and REST tokens end (they began with the password alone).
Switching off needs the password and a current code (or a recovery code); wrong ones
count as failed logins. The secret offered during the setup travels in a hidden
field, signed for this user (``pending.sign``): nothing is stored before the
confirmation.
"""

from DateTime import DateTime
from kanzlei.akte import _
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.browser.formatting import format_datetime
from kanzlei.akte.browser.login.password import form_text
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.revocation import revoke
from kanzlei.akte.twofactor import enforce
from kanzlei.akte.twofactor import events
from kanzlei.akte.twofactor import pending
from kanzlei.akte.twofactor import store
from kanzlei.akte.twofactor import totp
from kanzlei.akte.twofactor.login import attempt
from kanzlei.akte.twofactor.login import MSG_WRONG_CODE
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import NotFound
from zope.event import notify
from zope.i18n import translate


PURPOSE = "setup"
VIEW = "anmeldung-absichern"


def setup_purpose(userid):
    return f"{PURPOSE}\n{userid}"


class SetupView(BrowserView):
    template = ViewPageTemplateFile("templates/setup.pt")
    error = None
    recovery_codes = ()
    secret = None

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.pas_plugin = store.plugin()
        user = api.user.get_current()
        self.userid = user.getId()
        self.login = user.getUserName()
        if (
            self.pas_plugin is None
            or self.pas_plugin.userid_for_login(self.login) is None
        ):
            # an account of the Zope root (admin): its login is not the site's
            raise NotFound(self.context, VIEW, self.request)
        form = self.request.form
        if self.request.method == "POST" and "form.confirm" in form:
            CheckAuthenticator(self.request)
            self.confirm()
        elif self.request.method == "POST" and "form.disable" in form:
            CheckAuthenticator(self.request)
            if self.disable():
                self.request.response.redirect(self.url())
                return ""
        if not self.enabled and not self.secret:
            self.secret = totp.new_secret()
        return self.template()

    def url(self):
        return f"{api.portal.get().absolute_url()}/@@{VIEW}"

    @property
    def enabled(self):
        return store.is_enabled(self.pas_plugin, self.userid) and not (
            self.recovery_codes
        )

    @property
    def required(self):
        """Staff must set it up before they can use the portal (firm's setting)."""
        return enforce.setup_required(self.userid)

    def enabled_since(self):
        found = store.record(self.pas_plugin, self.userid)
        return format_datetime(DateTime(found["enabled"])) if found else ""

    def recovery_left(self):
        return store.recovery_left(self.pas_plugin, self.userid)

    # setting up ---------------------------------------------------------------

    def signature(self):
        return pending.sign(setup_purpose(self.userid), self.secret)

    def readable_secret(self):
        return totp.readable_secret(self.secret)

    def qr_title(self):
        return translate(
            _("twofactor_qr_title", default="QR-Code für die Authenticator-App"),
            context=self.request,
        )

    def qr_code(self, title):
        issuer = branding.get("firm_name") or "Online-Akte"
        uri = totp.provisioning_uri(self.secret, self.login, issuer)
        return totp.qr_svg(uri, title)

    def confirm(self):
        if store.is_enabled(self.pas_plugin, self.userid):
            return
        secret = form_text(self.request, "secret")
        if not pending.signed(
            setup_purpose(self.userid), secret, form_text(self.request, "signature")
        ):
            return  # not a secret this page offered to this user: start again
        self.secret = secret
        code = totp.clean(form_text(self.request, "code"))
        if totp.matching_step(secret, code) is None:
            self.refuse(
                _(
                    "twofactor_setup_code_wrong",
                    default="Der Code passt nicht. Bitte prüfen Sie, ob die Uhrzeit "
                    "Ihres Telefons stimmt, und geben Sie den aktuellen Code ein.",
                )
            )
            return
        codes = totp.new_recovery_codes()
        store.enable(self.pas_plugin, self.userid, secret, codes)
        # sessions in other browsers began with the password alone: they end
        revoke(self.userid, keep_current=True)
        notify(events.SecondFactorEnabled(self.userid))
        self.recovery_codes = codes
        self.secret = None

    def refuse(self, message):
        self.error = translate(message, context=self.request)
        self.request.response.setStatus(400)
        return False

    # switching off --------------------------------------------------------------

    def disable(self):
        if not store.is_enabled(self.pas_plugin, self.userid):
            return True
        credentials = {
            "login": self.login,
            "password": form_text(self.request, "password"),
        }
        if not self.pas_plugin.verify_password(credentials):
            return self.refuse(
                _(
                    "login_password_current_wrong",
                    default="Das aktuelle Passwort ist nicht richtig.",
                )
            )
        result = attempt(
            self.pas_plugin, self.request, self.userid, form_text(self.request, "code")
        )
        if result == LOCKED:
            return self.refuse(
                _(
                    "login_password_change_locked",
                    default="Zu viele Fehlversuche. Bitte versuchen Sie es später "
                    "erneut.",
                )
            )
        if result not in ("totp", "recovery"):
            return self.refuse(MSG_WRONG_CODE)
        store.remove(self.pas_plugin, self.userid)
        notify(events.SecondFactorDisabled(self.userid))
        IStatusMessage(self.request).add(
            _(
                "twofactor_disabled",
                default="Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Sie melden "
                "sich wieder nur mit Benutzername und Passwort an.",
            ),
            "info",
        )
        return True
