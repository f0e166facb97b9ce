"""``POST @users/<name>/reset-password`` (plone.restapi) without user enumeration;
``PATCH @users/<id>`` with our password policy.

The stock endpoint answers 404 for an unknown user name (400 or 403 for a known one)
and sends Plone's English mail. Here every request answers alike whether the user
exists or not (an unknown user gets the answer a known one would get for the same
body), and a reset request sends our German mail (single-use, expiring link) only
when the account exists. New passwords set with a
reset token or the old password must pass our password policy.
"""

from kanzlei.akte.accounts.emails import email_in_use
from kanzlei.akte.accounts.emails import MSG_EMAIL_IN_USE
from kanzlei.akte.accounts.passwords import check_password
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import reset
from plone import api
from plone.restapi import _ as restapi_message
from plone.restapi.deserializer import json_body
from plone.restapi.services.users.add import UsersPost
from plone.restapi.services.users.update import UsersPatch
from zope.i18n import translate
from zope.i18nmessageid import Message


# plone.restapi's own messages, so that both answers are the same to the letter
MSG_PARAMETERS = restapi_message(
    "See the user endpoint documentation for the valid parameters."
)
MSG_TOKEN_AND_OLD = restapi_message(
    "You can't use 'reset_token' and 'old_password' together."
)
MSG_TOKEN_NEEDS_NEW = restapi_message(
    "If you pass 'reset_token' you have to pass 'new_password'"
)
MSG_OLD_NEEDS_NEW = restapi_message(
    "If you pass 'old_password' you have to pass 'new_password'"
)
MSG_UNKNOWN_TOKEN = restapi_message("The reset_token is unknown/not valid.")
MSG_NOT_ALLOWED = restapi_message(
    "You can't set a password without a password reset token."
)
MSG_WRONG_USER = restapi_message(
    "You need to be logged in as the user '${username}' to set the password."
)


class AkteUsersPost(UsersPost):
    def error(self, status, error_type, message):
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": error_type,
                "message": translate(message, context=self.request),
            }
        }

    def reply(self):
        if len(self.params) == 2 and self.params[1] == "reset-password":
            return self.reset_password()
        return super().reply()

    def reset_password(self):
        """No answer (status, body) tells whether the user exists."""
        data = json_body(self.request) or {}
        if not isinstance(data, dict):
            return self.error(400, "Invalid parameters", MSG_PARAMETERS)
        if not data:
            reset.request_reset(self.params[0], self.request)
            return self.reply_no_content()
        problem = self.parameter_problem(data)
        if problem is not None:
            return problem
        user = reset.find_user(self.params[0])
        password = data.get("new_password")
        if isinstance(password, str):
            member = api.user.get(userid=user.getId()) if user is not None else None
            fullname = (member.getProperty("fullname") or "") if member else ""
            login = user.getUserName() if user is not None else self.params[0]
            problems = check_password(password, login, fullname)
            if problems:
                return self.error(400, "Invalid password", " ".join(problems))
        if compat.user_by_login_name(self, self.params[0]) is None:
            return self.unknown_user_answer(data)
        return super().reply()

    def parameter_problem(self, data):
        """The stock endpoint's checks of the parameters, made before any look-up."""
        token, old = data.get("reset_token"), data.get("old_password")
        if token and old:
            return self.error(400, "Invalid parameters", MSG_TOKEN_AND_OLD)
        if token and not data.get("new_password"):
            return self.error(400, "Invalid parameters", MSG_TOKEN_NEEDS_NEW)
        if old and not data.get("new_password"):
            return self.error(400, "Invalid parameters", MSG_OLD_NEEDS_NEW)
        return None

    def unknown_user_answer(self, data):
        """What the stock endpoint answers for an existing user in the same case."""
        if data.get("reset_token"):
            return self.error(403, "Unknown Token", MSG_UNKNOWN_TOKEN)
        if data.get("old_password"):
            if not (self.can_manage_users or self.can_set_own_password):
                return self.error(403, "Not allowed", MSG_NOT_ALLOWED)
            return self.error(
                403,
                "Wrong user",
                Message(MSG_WRONG_USER, mapping={"username": self.params[0]}),
            )
        return self.error(400, "Invalid parameters", MSG_PARAMETERS)


class AkteUsersPatch(UsersPatch):
    """The stock endpoint sets a new ``password`` without any policy check."""

    def reply(self):
        data = json_body(self.request)
        email = data.get("email") if isinstance(data, dict) else None
        taken = email is not None and len(self.params) == 1
        if taken and email_in_use(str(email), self.params[0]):
            message = translate(MSG_EMAIL_IN_USE, context=self.request)
            self.request.response.setStatus(400)
            return {"error": {"type": "Invalid email", "message": message}}
        password = data.get("password") if isinstance(data, dict) else None
        if password is not None:
            registration = api.portal.get_tool("portal_registration")
            error = registration.testPasswordValidity(str(password))
            if error:
                self.request.response.setStatus(400)
                return {"error": {"type": "Invalid password", "message": error}}
        return super().reply()
