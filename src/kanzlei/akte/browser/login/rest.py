"""``POST @login`` (plone.restapi) with our refusals.

The PAS plugin already checks lockouts and counts failures for known users. Two
gaps of the stock service are closed here: a login name that no user folder knows
is never authenticated (so it would not be counted), and the optional
``kanzlei``/``datenbank`` of the body are checked like the login form's fields.

A user with a second factor gets no token for the password alone: the answer is
401 with ``error.type`` ``"Second factor required"``, a German message and a
``login_token`` (5 minutes). A second POST ``{"login_token": ..., "otp": ...}``
(the code of the app or a recovery code) answers the JWT; a wrong code counts
as a failed login.
"""

from kanzlei.akte import _
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.plugin import LOCKED
from kanzlei.akte.pas.plugin import refusal
from kanzlei.akte.twofactor import pending
from kanzlei.akte.twofactor.login import attempt
from kanzlei.akte.twofactor.login import complete_login
from kanzlei.akte.twofactor.login import MSG_EXPIRED
from kanzlei.akte.twofactor.login import MSG_WRONG_CODE
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login
from zope.i18n import translate
from zope.interface import alsoProvides


MSG_LOCKED = _(
    "login_locked_rest",
    default="Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen "
    "Sie es später erneut.",
)
MSG_SECOND_FACTOR = _(
    "twofactor_required_rest",
    default="Bitte geben Sie zusätzlich den Code aus Ihrer Authenticator-App "
    "(oder einen Wiederherstellungscode) an: POST @login mit login_token und otp.",
)


class AkteLogin(Login):
    def reply(self):
        try:
            data = json_body(self.request)
        except Exception:  # noqa: BLE001 - let the stock service answer bad input
            data = {}
        if isinstance(data, dict) and "login_token" in data:
            return self.second_step(data)
        if isinstance(data, dict):
            for field in ("kanzlei", "datenbank"):
                if field in data:
                    self.request.form[field] = str(data[field])
        result = super().reply()
        if self.request.response.getStatus() != 401:
            return result
        plugin = get_plugin(api.portal.get())
        userid = pending.marked(self.request)
        if plugin is not None and userid is not None:
            return {
                "error": {
                    "type": "Second factor required",
                    "message": translate(MSG_SECOND_FACTOR, context=self.request),
                },
                "login_token": pending.issue(plugin, userid),
            }
        login = data.get("login") if isinstance(data, dict) else None
        if plugin is not None and login and refusal(self.request) is None:
            plugin.record_failure(self.request, str(login))
        if refusal(self.request) == LOCKED:
            message = MSG_LOCKED
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

    def refuse(self, error_type, message):
        self.request.response.setStatus(401)
        return {
            "error": {
                "type": error_type,
                "message": translate(message, context=self.request),
            }
        }

    def second_step(self, data):
        """``{"login_token", "otp"}`` -> ``{"token": <JWT>}``."""
        alsoProvides(self.request, IDisableCSRFProtection)  # as the stock @login
        portal = api.portal.get()
        plugin = get_plugin(portal)
        jwt = getattr(portal.acl_users, "jwt_auth", None)
        token = data.get("login_token")
        userid = pending.verify(plugin, token) if plugin is not None else None
        if userid is None or jwt is None:
            return self.refuse("Invalid login token", MSG_EXPIRED)
        otp = data.get("otp")
        result = attempt(
            plugin, self.request, userid, otp if isinstance(otp, str) else ""
        )
        if result == LOCKED:
            return self.refuse("Invalid credentials", MSG_LOCKED)
        if result not in ("totp", "recovery"):
            return self.refuse("Invalid second factor", MSG_WRONG_CODE)
        complete_login(portal, self.request, userid)
        user = portal.acl_users.getUserById(userid)
        payload = {"fullname": user.getProperty("fullname")}
        return {"token": jwt.create_token(userid, data=payload)}
