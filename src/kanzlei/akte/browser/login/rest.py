"""``POST @login`` (plone.restapi) with our refusals.

The PAS plugin already checks lockouts and counts failures for known users. Two
gaps of the stock service are closed here: a login name that no user folder knows
is never authenticated (so it would not be counted), and the optional
``kanzlei``/``datenbank`` of the body are checked like the login form's fields.
"""

from kanzlei.akte import _
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.plugin import refusal
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login
from zope.i18n import translate


class AkteLogin(Login):
    def reply(self):
        try:
            data = json_body(self.request)
        except Exception:  # noqa: BLE001 - let the stock service answer bad input
            data = {}
        if isinstance(data, dict):
            for field in ("kanzlei", "datenbank"):
                if field in data:
                    self.request.form[field] = str(data[field])
        result = super().reply()
        if self.request.response.getStatus() != 401:
            return result
        plugin = get_plugin(api.portal.get())
        login = data.get("login") if isinstance(data, dict) else None
        if plugin is not None and login and refusal(self.request) is None:
            plugin.record_failure(self.request, str(login))
        if refusal(self.request) == LOCKED:
            message = _(
                "login_locked_rest",
                default="Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen "
                "Sie es später erneut.",
            )
        else:
            message = _(
                "login_failed_rest",
                default="Anmeldung fehlgeschlagen: Benutzername, Passwort, Kanzlei "
                "oder Datenbank falsch.",
            )
        return {
            "error": {
                "type": "Invalid credentials",
                "message": translate(message, context=self.request),
            }
        }
