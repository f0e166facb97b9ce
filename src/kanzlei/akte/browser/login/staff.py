"""Staff actions: disable/enable a client's account, lift login lockouts, reset a
client's second factor."""

from kanzlei.akte import _
from kanzlei.akte.accounts import access
from kanzlei.akte.accounts import deletion
from kanzlei.akte.accounts import failures
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.twofactor import staff as second_factor
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage

import datetime


class AccountDisableView(BrowserView):
    """``@@akte-konto-sperren`` on a Mandant: the Mandant's portal accounts with
    "Sperren"/"Freischalten" and, after failed logins, "Sperre aufheben".

    POST ``userid`` + ``disabled=1|0``, or ``unlock=<userid>``, or
    ``reset_second_factor=<userid>`` (after a confirmation in the browser).
    """

    template = ViewPageTemplateFile("templates/accounts.pt")

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.act()
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@akte-konto-sperren"
            )
            return ""
        return self.template()

    def act(self):
        form = self.request.form
        status = IStatusMessage(self.request)
        userid = (
            form.get("userid")
            or form.get("unlock")
            or form.get("delete")
            or form.get(second_factor.ACTION)
            or ""
        )
        userid = userid if isinstance(userid, str) else ""
        if userid not in (self.context.portal_users or {}):
            status.add(
                _(
                    "login_access_unknown_user",
                    default="Dieses Konto gehört nicht zu diesem Mandanten.",
                ),
                "error",
            )
            return
        if "delete" in form:
            deletion.remove_from_mandant(self.context, userid)
            status.add(
                _(
                    "accounts_deleted",
                    default="Der Zugang wurde gelöscht; laufende Anmeldungen wurden "
                    "beendet.",
                ),
                "info",
            )
            return
        if second_factor.ACTION in form:
            status.add(second_factor.reset(userid), "info")
            return
        if "unlock" in form:
            lockout.unlock(login_of(userid))
            status.add(
                _("login_lockout_lifted", default="Die Sperre wurde aufgehoben."),
                "info",
            )
            return
        disabled = form.get("disabled") == "1"
        access.set_account_disabled(self.context, userid, disabled)
        if disabled:
            message = _(
                "login_access_disabled",
                default="Das Konto ist gesperrt; laufende Anmeldungen wurden beendet.",
            )
        else:
            message = _(
                "login_access_enabled", default="Das Konto ist wieder freigeschaltet."
            )
        status.add(message, "info")

    def accounts(self):
        rows = []
        for userid, details in sorted((self.context.portal_users or {}).items()):
            login = login_of(userid)
            member = api.user.get(userid=userid)
            registered = details.get("registered")
            rows.append(
                {
                    "userid": userid,
                    "login": login,
                    "fullname": (member.getProperty("fullname") or "")
                    if member is not None
                    else "",
                    "registered": registered.strftime("%d.%m.%Y") if registered else "",
                    "disabled": bool(details.get("disabled")),
                    "locked": lockout.is_locked(login),
                    "second_factor": second_factor.has_second_factor(userid),
                }
            )
        return rows


def login_of(userid):
    user = api.portal.get_tool("acl_users").getUserById(userid)
    return user.getUserName() if user is not None else userid


class LockoutsView(BrowserView):
    """``@@akte-anmeldesperren``: accounts locked after failed logins; unlock."""

    template = ViewPageTemplateFile("templates/lockouts.pt")

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            status = IStatusMessage(self.request)
            if "form.unlock" in self.request.form:
                login = self.request.form.get("login", "")
                lockout.unlock(login if isinstance(login, str) else "")
                status.add(
                    _("login_lockout_lifted", default="Die Sperre wurde aufgehoben."),
                    "info",
                )
            elif "form.reset_ip" in self.request.form:
                failures.reset_ip_counters()
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
