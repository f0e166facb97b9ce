"""@@registrierung: the page the invitation e-mail links to (public).

The link's token and the activation code from the letter together let a client choose
a username and password; then the user is created, linked to the Mandant, logged in
and sent to the Online-Akte. See kanzlei.akte.accounts.registration for the rules.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from kanzlei.akte import _
from kanzlei.akte import logger
from kanzlei.akte.accounts import failures
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts import registration
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.language import recipients
from kanzlei.akte.language.switch import COOKIE
from kanzlei.akte.language.switch import set_cookie
from kanzlei.akte.pas.clientip import client_ip
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.component import getMultiAdapter


MSG_INVALID = _(
    "onboarding_reg_invalid_link",
    default="Dieser Link ist nicht oder nicht mehr gültig, zum Beispiel weil er "
    "abgelaufen ist oder schon verwendet wurde. Bitte wenden Sie sich an die Kanzlei; "
    "wir senden Ihnen gern eine neue Einladung. Wenn Sie sich schon registriert haben, "
    "melden Sie sich einfach an.",
)
MSG_LOCKED = _(
    "onboarding_reg_locked",
    default="Der Aktivierungscode wurde zu oft falsch eingegeben. Zu Ihrer Sicherheit "
    "ist diese Einladung jetzt gesperrt. Bitte wenden Sie sich an die Kanzlei; Sie "
    "erhalten dann einen neuen Aktivierungscode.",
)
MSG_THROTTLED = _(
    "accounts_reg_throttled",
    default="Es gab zu viele Fehlversuche. Bitte versuchen Sie es später erneut "
    "oder wenden Sie sich an die Kanzlei.",
)
MSG_FORM_EXPIRED = _(
    "onboarding_reg_form_expired",
    default="Das Formular war nicht mehr gültig. Bitte geben Sie Ihre Angaben erneut "
    "ein und senden Sie sie noch einmal ab.",
)
MSG_FIX = _(
    "onboarding_reg_fix_errors",
    default="Bitte korrigieren Sie die markierten Angaben.",
)


class RegistrationView(BrowserView):
    template = ViewPageTemplateFile("templates/registrierung.pt")

    state = "form"  # form | link | invalid | locked | throttled
    message = None
    errors = None

    def __call__(self):
        response = self.request.response
        # The token is in the URL: never cache the page, never send it on as Referer.
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("Referrer-Policy", "no-referrer")
        response.setHeader("X-Robots-Tag", "noindex")
        form = self.request.form
        self.errors = {}
        self.token = str(form.get("token", "") or "")
        self.code = str(form.get("code", "") or "")[:64]
        self.username = str(form.get("username", "") or "")[:200]
        self.fullname = ""
        ip = client_ip(self.request) or "unknown"
        if failures.ip_blocked(ip):
            return self.show("throttled", MSG_THROTTLED)

        invitation = invitations.find_by_token(self.token)
        if not self.usable(invitation):
            if self.token:
                failures.record_ip_failure(ip)
            return self.show("invalid", MSG_INVALID)
        if invitation.state() == invitations.LOCKED:
            return self.show("locked", MSG_LOCKED)
        if self.request.method != "POST" and self.in_invitation_language(invitation):
            return ""
        self.fullname = registration.fullname_of(invitation)
        mode = "form" if api.user.is_anonymous() else "link"

        if self.request.method != "POST" or "form.submitted" not in form:
            return self.show(mode)
        if not self.authenticator_ok():
            return self.show(mode, MSG_FORM_EXPIRED)
        if mode == "link":
            return self.link(invitation, ip)

        password = str(form.get("password", "") or "")
        password2 = str(form.get("password2", "") or "")
        self.errors = registration.check(
            invitation, self.code, self.username, password, password2
        )
        if self.code_failed(invitation, ip):
            return self.show("locked", MSG_LOCKED)
        if self.errors:
            return self.show("form", MSG_FIX)

        # a language the person switched to on the page (cookie), else the invitation's
        chosen = self.request.cookies.get(COOKIE)
        userid = registration.register(invitation, self.username, password, chosen)
        logger.info("Client user %s registered from an invitation", userid)
        self.log_in(userid, password)
        response.redirect(api.portal.get().absolute_url() + "/@@meine-akte")
        return ""

    def in_invitation_language(self, invitation):
        """The first visit of someone invited in another language than the firm's
        (English) who chose none yet (no cookie): the page in the invitation's
        language, as its e-mail, whatever the browser asks for. Sets Plone's language
        cookie and loads the page again (once: then the cookie is there); True when it
        did. An invitation in the firm's language leaves it to the browser."""
        if self.request.cookies.get(COOKIE):
            return False
        language = recipients.of_invitation(invitation)
        if language == recipients.site_language():
            return False
        if recipients.known(self.request.get("LANGUAGE")) == language:
            return False
        set_cookie(self.request, language)
        query = urlencode({"token": self.token})
        self.request.response.redirect(f"{self.request.getURL()}?{query}", lock=True)
        return True

    def code_failed(self, invitation, ip):
        """Count a wrong code; True when the invitation is locked now."""
        if "code" in self.errors and self.code.strip():
            failures.record_ip_failure(ip)
            return invitation.state() == invitations.LOCKED
        return False

    def link(self, invitation, ip):
        """The logged-in client links this invitation to their login."""
        userid = api.user.get_current().getId()
        self.errors = registration.check_link(invitation, self.code, userid)
        if self.code_failed(invitation, ip):
            return self.show("locked", MSG_LOCKED)
        if self.errors:
            return self.show("link", MSG_FIX)
        registration.link_existing(invitation, userid)
        logger.info("Client user %s linked to a further Mandant", userid)
        self.request.response.redirect(
            api.portal.get().absolute_url() + "/@@meine-akte"
        )
        return ""

    def log_in(self, userid, password):
        """Set the login cookie of the new user (as Plone's login form does).

        plone.session only starts a session for the user the request runs as, so
        the credentials are updated as the new user, then the request goes on as it was.
        """
        acl_users = api.portal.get_tool("acl_users")
        user = acl_users.getUserById(userid)
        login = user.getUserName()
        previous = getSecurityManager()
        try:
            newSecurityManager(self.request, user.__of__(acl_users))
            acl_users.updateCredentials(
                self.request, self.request.response, login, password
            )
        finally:
            setSecurityManager(previous)

    def usable(self, invitation):
        if invitation is None:
            return False
        if invitation.state() not in (invitations.OPEN, invitations.LOCKED):
            return False
        mandant = invitation.mandant()
        if mandant is None or not getattr(mandant, "online_access", False):
            return False
        return invitation.target() is not None

    def authenticator_ok(self):
        view = getMultiAdapter((self.context, self.request), name="authenticator")
        return view.verify()

    def show(self, state, message=None):
        self.state = state
        self.message = message
        return self.template()

    def field_errors(self, name):
        return self.errors.get(name, [])

    def firm_name(self):
        return branding.get("firm_name")

    def login_url(self):
        return api.portal.get().absolute_url() + "/login"

    def login_and_link_url(self):
        """Log in with an existing login, then come back here to link it."""
        came_from = f"{api.portal.get().absolute_url()}/@@registrierung?" + urlencode(
            {"token": self.token}
        )
        return f"{self.login_url()}?" + urlencode({"came_from": came_from})

    def current_login(self):
        user = api.user.get_current()
        return user.getUserName() if user is not None else ""
