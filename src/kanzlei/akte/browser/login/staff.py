"""Staff actions: disable/enable a client's account, lift login lockouts."""

from kanzlei.akte import _
from kanzlei.akte.pas import access
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.install import get_plugin
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest

import datetime


class AccountDisableView(BrowserView):
    """``@@akte-konto-sperren`` on a Mandant (POST: userid, disabled=1|0)."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        userid = self.request.form.get("userid", "")
        disabled = self.request.form.get("disabled") == "1"
        status = IStatusMessage(self.request)
        try:
            access.set_account_disabled(self.context, userid, disabled)
        except KeyError:
            status.add(
                _(
                    "login_access_unknown_user",
                    default="Dieses Konto gehört nicht zu diesem Mandanten.",
                ),
                "error",
            )
        else:
            if disabled:
                status.add(
                    _(
                        "login_access_disabled",
                        default="Das Konto ist gesperrt; laufende Anmeldungen "
                        "wurden beendet.",
                    ),
                    "info",
                )
            else:
                status.add(
                    _(
                        "login_access_enabled",
                        default="Das Konto ist wieder freigeschaltet.",
                    ),
                    "info",
                )
        self.request.response.redirect(self.context.absolute_url())
        return ""


class LockoutsView(BrowserView):
    """``@@akte-anmeldesperren``: accounts locked after failed logins; unlock."""

    template = ViewPageTemplateFile("templates/lockouts.pt")

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            status = IStatusMessage(self.request)
            if "form.unlock" in self.request.form:
                lockout.unlock(self.request.form.get("login", ""))
                status.add(
                    _("login_lockout_lifted", default="Die Sperre wurde aufgehoben."),
                    "info",
                )
            elif "form.reset_ip" in self.request.form:
                lockout.reset_ip_counters()
                status.add(
                    _(
                        "login_lockout_ip_reset",
                        default="Die Sperren nach IP-Adresse wurden aufgehoben.",
                    ),
                    "info",
                )
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@akte-anmeldesperren"
            )
            return ""
        return self.template()

    def locked(self):
        plugin = get_plugin(api.portal.get())
        if plugin is None:
            return []
        return [
            {
                "login": login,
                "until": datetime.datetime.fromtimestamp(until).strftime(
                    "%d.%m.%Y %H:%M"
                ),
            }
            for login, until in lockout.locked_logins(plugin)
        ]
