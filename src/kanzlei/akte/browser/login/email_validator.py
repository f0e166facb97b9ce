"""Plone's personal-information form refuses an address another account has."""

from kanzlei.akte.accounts.emails import email_in_use
from kanzlei.akte.accounts.emails import MSG_EMAIL_IN_USE
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from plone import api
from plone.app.users.schema import IUserDataSchema
from z3c.form import validator
from zope.interface import Invalid


class UniqueEmailValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        userid = self.request.form.get("userid")
        if not isinstance(userid, str) or not userid:
            current = api.user.get_current()
            userid = current.getId() if current is not None else None
        if value and email_in_use(value, userid):
            raise Invalid(MSG_EMAIL_IN_USE)


validator.WidgetValidatorDiscriminators(
    UniqueEmailValidator, request=IKanzleiAkteLayer, field=IUserDataSchema["email"]
)
