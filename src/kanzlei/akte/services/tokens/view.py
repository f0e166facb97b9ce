"""@@akte-api-tokens: the firm admin lists, creates and revokes API tokens."""

from kanzlei.akte import _
from kanzlei.akte.pas.lookup import get_token_plugin
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import re
import secrets


ROLE = "Integration"
USERID = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")


def integration_userids():
    manager = api.portal.get_tool("acl_users").portal_role_manager
    return sorted(
        principal_id
        for principal_id, _title in manager.listAssignedPrincipals(ROLE)
        if api.user.get(userid=principal_id) is not None
    )


class ApiTokensView(BrowserView):
    template = ViewPageTemplateFile("tokens.pt")

    def __call__(self):
        self.errors = {}
        self.new_token = None
        self.message = None
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "form.create" in form:
                self.create(form)
            elif "form.revoke" in form:
                self.revoke(form.get("token_id", ""))
        return self.template()

    @property
    def plugin(self):
        return get_token_plugin(api.portal.get())

    def users(self):
        return integration_userids()

    def tokens(self):
        plugin = self.plugin
        if plugin is None:
            return []
        items = sorted(plugin.list_tokens(), key=lambda t: t["created"], reverse=True)
        for item in items:
            item["created_str"] = item["created"].strftime("%d.%m.%Y %H:%M")
            last = item["last_used"]
            item["last_used_str"] = last.strftime("%d.%m.%Y %H:%M") if last else ""
        return items

    def create(self, form):
        name = (form.get("name") or "").strip()
        userid = (form.get("userid") or "").strip()
        new_userid = (form.get("new_userid") or "").strip().lower()
        if not name:
            self.errors["name"] = _(
                "apitokens_error_name", default="Bitte einen Namen angeben."
            )
        if new_userid:
            if not USERID.match(new_userid):
                self.errors["new_userid"] = _(
                    "apitokens_error_userid",
                    default="Nur Kleinbuchstaben, Ziffern, Punkt, Binde- und "
                    "Unterstrich (3 bis 60 Zeichen).",
                )
            elif api.user.get(userid=new_userid) is not None:
                self.errors["new_userid"] = _(
                    "apitokens_error_userid_taken",
                    default="Diesen Benutzernamen gibt es schon.",
                )
        elif userid not in integration_userids():
            self.errors["userid"] = _(
                "apitokens_error_user",
                default="Bitte ein Konto mit der Rolle Integration wählen oder "
                "ein neues anlegen.",
            )
        if self.errors:
            return
        if new_userid:
            api.user.create(
                username=new_userid,
                email=f"{new_userid}@integration.invalid",
                password=secrets.token_urlsafe(32),
                roles=("Member", ROLE),
            )
            userid = new_userid
        current = api.user.get_current().getId()
        _token_id, self.new_token = self.plugin.create_token(
            userid, name, created_by=current
        )
        self.message = _(
            "apitokens_created",
            default="Token angelegt. Kopieren Sie es jetzt: Es wird nur dieses "
            "eine Mal angezeigt.",
        )

    def revoke(self, token_id):
        if self.plugin.revoke_token(token_id):
            self.message = _("apitokens_revoked", default="Token widerrufen.")
