"""``POST @users/<name>/reset-password`` (plone.restapi) without user enumeration;
``PATCH @users/<id>`` with our password policy.

The stock endpoint answers 404 for an unknown user name and sends Plone's English
mail. Here a reset request always answers 204 and sends our German mail (with a
single-use, expiring link) only when the account exists. New passwords set with a
reset token or the old password must pass our password policy.
"""

from kanzlei.akte.accounts.passwords import check_password
from kanzlei.akte.pas import reset
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.users.add import UsersPost
from plone.restapi.services.users.update import UsersPatch


class AkteUsersPost(UsersPost):
    def reply(self):
        if len(self.params) == 2 and self.params[1] == "reset-password":
            data = json_body(self.request) or {}
            if not data:
                reset.request_reset(self.params[0], self.request)
                return self.reply_no_content()
            password = data.get("new_password")
            if isinstance(password, str):
                user = reset.find_user(self.params[0])
                if user is not None:
                    member = api.user.get(userid=user.getId())
                    fullname = (member.getProperty("fullname") or "") if member else ""
                    problems = check_password(password, user.getUserName(), fullname)
                    if problems:
                        self.request.response.setStatus(400)
                        return {
                            "error": {
                                "type": "Invalid password",
                                "message": " ".join(problems),
                            }
                        }
        return super().reply()


class AkteUsersPatch(UsersPatch):
    """The stock endpoint sets a new ``password`` without any policy check."""

    def reply(self):
        data = json_body(self.request)
        password = data.get("password") if isinstance(data, dict) else None
        if password is not None:
            registration = api.portal.get_tool("portal_registration")
            error = registration.testPasswordValidity(str(password))
            if error:
                self.request.response.setStatus(400)
                return {"error": {"type": "Invalid password", "message": error}}
        return super().reply()
