"""The kanzlei.akte PAS plugin: password login with Kanzlei/Datenbank, lockouts,
argon2 hashes, refusal of disabled client accounts, the password policy for every
form (``IValidationPlugin``), no reuse of a deleted account's id (``IUserAdderPlugin``).

It wraps Plone's user source (``source_users``): our plugin is the active
``IAuthenticationPlugin`` for login/password credentials and ``source_users`` is
deactivated for that interface (``install.py``), so every password login (login
form, ``@login`` over REST, HTTP Basic auth) passes our checks before
``source_users`` verifies the password. For a user with a second factor a right
password only starts the second step (``kanzlei.akte.twofactor``). Session cookies
and JWTs are verified by their own plugins (plone.session, plone.restapi);
``revocation.py`` invalidates them.

The same class also guards the Zope root's user folder (the ``admin`` of the
instance, ``install.install_root_plugin``): there it wraps ``users`` and applies the
same lockout per account and throttle per IP, without the firm fields (a root
account belongs to no firm) and without touching the stored hash.
"""

from AccessControl.class_init import InitializeClass
from kanzlei.akte import _
from kanzlei.akte.accounts import access
from kanzlei.akte.accounts import failures
from kanzlei.akte.accounts import tombstones
from kanzlei.akte.accounts.names import MAX_CREDENTIAL_LENGTH
from kanzlei.akte.accounts.names import normalize
from kanzlei.akte.accounts.passwords import check_password
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import devices
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas import rootsession
from kanzlei.akte.pas import sessions
from kanzlei.akte.pas import storage
from kanzlei.akte.pas import zmi
from kanzlei.akte.pas.clientip import client_ip
from kanzlei.akte.pas.lookup import PLUGIN_ID
from kanzlei.akte.twofactor import pending
from kanzlei.akte.twofactor import store as twofactor_store
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import ICredentialsUpdatePlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserAdderPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer

import logging


logger = logging.getLogger("kanzlei.akte.login")

META_TYPE = "Kanzlei Akte Login Plugin"
REFUSAL_KEY = "kanzlei.akte.login_refusal"  # request.other: "failed" / "locked"
LOCKED = "locked"
FAILED = "failed"
COUNTED = "kanzlei.akte.counted"  # request.other: (login, ip) failures counted


MSG_ID_UNAVAILABLE = _(
    "accounts_userid_unavailable",
    default="Dieser Benutzername ist nicht verfügbar. Bitte wählen Sie einen anderen.",
)


def mark_refusal(request, reason):
    other = getattr(request, "other", None)
    if other is not None and other.get(REFUSAL_KEY) != LOCKED:
        other[REFUSAL_KEY] = reason


def refusal(request):
    if request is None or not hasattr(request, "other"):
        return None
    return request.other.get(REFUSAL_KEY)


manage_addKanzleiAktePlugin = zmi.add_form("addKanzleiAktePlugin", PLUGIN_ID)


def addKanzleiAktePlugin(dispatcher, id, title=None, REQUEST=None):  # noqa: A002
    zmi.add_plugin(dispatcher, KanzleiAktePlugin(id, title), REQUEST)


@implementer(
    IAuthenticationPlugin,
    ICredentialsUpdatePlugin,
    IExtractionPlugin,
    IUserAdderPlugin,
    IValidationPlugin,
)
class KanzleiAktePlugin(BasePlugin):
    meta_type = META_TYPE
    user_source_id = "source_users"
    lockouts = None  # see lockout.py
    token_activity = None  # see sessions.py

    _properties = compat.plugin_properties(
        {"id": "user_source_id", "type": "string", "mode": "w"},
    )

    def __init__(self, id, title=None):  # noqa: A002
        compat.set_id(self, id)
        self.title = title

    # helpers -----------------------------------------------------------------

    def source(self):
        return getattr(compat.pas_of(self), self.user_source_id, None)

    def current_request(self):
        request = getRequest()
        if request is None:
            request = getattr(self, "REQUEST", None)
        return request

    def firm_ids(self):
        registry = getattr(self, "portal_registry", None)
        if registry is None:
            return None, None
        return (
            registry.get("kanzlei.akte.kanzlei_login"),
            registry.get("kanzlei.akte.datenbank"),
        )

    def serves_root(self):
        """This plugin guards the Zope root's user folder (not a site's)."""
        return compat.pas_of(self).getPhysicalPath() == ("", "acl_users")

    def firm_matches(self, request):
        """The login form's Kanzlei/Datenbank, where sent, must be this firm's."""
        if self.serves_root():
            return True  # Zope root accounts belong to no firm
        form = getattr(request, "form", None) or {}
        kanzlei, datenbank = self.firm_ids()
        for field, expected in (("kanzlei", kanzlei), ("datenbank", datenbank)):
            if field in form and normalize(form[field]) != normalize(expected):
                return False
        return True

    def zope_root_user(self, login):
        """Users of the Zope root user folder are authenticated there, not here."""
        try:
            root_uf = self.getPhysicalRoot().acl_users
        except AttributeError:
            return False
        if root_uf is compat.pas_of(self):
            return False
        try:
            return root_uf.getUser(login) is not None
        except Exception:  # noqa: BLE001 - a foreign user folder must not break login
            return False

    def record_failure(self, request, login, ip=None):
        """Count one failure per login and request; mark the request."""
        ip = client_ip(request, self) if ip is None else ip
        counted = request.other.setdefault(COUNTED, set())
        locked = False
        if (login, ip) not in counted:
            counted.add((login, ip))
            failures.record_ip_failure(ip, self)
            known = self.userid_for_login(login) is not None
            locked = lockout.record_failure(self, login, known=known)
        mark_refusal(request, LOCKED if locked else FAILED)
        logger.info("Login refused for %r from %s", login, ip)

    # IExtractionPlugin (first of all): session timeouts -------------------------

    def extractCredentials(self, request):
        """In a site: no credentials of our own, but expired sessions end before
        other plugins read theirs (``sessions.py``). At the Zope root: the site's
        signed session cookie of a root account (``rootsession.py``)."""
        sessions.enforce(self, request)  # at the root: JWTs of root accounts
        if self.serves_root():
            return rootsession.extract(request)
        return {}

    # ICredentialsUpdatePlugin (root folder only) -------------------------------

    def updateCredentials(self, request, response, login, new_password):
        if self.serves_root():
            rootsession.update(self, response, login)

    # IAuthenticationPlugin ---------------------------------------------------

    def authenticateCredentials(self, credentials):
        if rootsession.TICKET in credentials:
            if not self.serves_root():
                return None
            return rootsession.authenticate(self, credentials)
        result = self.verify_password(credentials)
        if result and self.second_factor_due(result[0]):
            # A password alone never logs in a user with a second factor: not the
            # login form, not @login, not HTTP Basic auth. The form and @login
            # offer the second step (twofactor/login.py); everything else stays
            # anonymous.
            pending.mark(self.current_request(), result[0])
            return None
        return result

    def second_factor_due(self, userid):
        return not self.serves_root() and twofactor_store.is_enabled(self, userid)

    def verify_password(self, credentials):
        """(userid, login) when the password is right, after every check and with
        the bookkeeping of a login; for a user with a second factor the failure
        count is cleared only after the second step (``login_succeeded``)."""
        login = credentials.get("login")
        password = credentials.get("password")
        if not login or password is None:
            return None
        if len(login) > MAX_CREDENTIAL_LENGTH or len(password) > MAX_CREDENTIAL_LENGTH:
            return None  # no bookkeeping for oversized input (no password is that long)
        source = self.source()
        if source is None:
            return None
        request = self.current_request()
        if request is None or not hasattr(request, "other"):
            # No request (scripts): plain verification without bookkeeping.
            return source.authenticateCredentials(credentials)
        ip = client_ip(request, self)
        userid = self.userid_for_login(login)
        if userid is None and (self.serves_root() or self.zope_root_user(login)):
            # Not ours: a site's account seen by the root folder (the site's plugin
            # counted it), or a root account seen by a site (the root's plugin will).
            return None
        ip_blocked = failures.ip_blocked(ip, self) and not devices.trusted(
            request, login
        )
        if ip_blocked or lockout.locked_until(self, login):
            mark_refusal(request, LOCKED)
            return None
        if not self.firm_matches(request) or userid is None:
            hashing.dummy_verify(password)
            self.record_failure(request, login, ip)
            return None
        result = source.authenticateCredentials(credentials)
        if not result:
            self.record_failure(request, login, ip)
            return None
        userid, login_name = result
        if not self.serves_root() and access.is_refused(userid):
            mark_refusal(request, FAILED)
            logger.info("Login of disabled account %r refused", userid)
            return None
        if not self.second_factor_due(userid):
            self.login_succeeded(request, login)
        if not self.serves_root():  # the root keeps Zope's hashes (no add-on needed)
            self.upgrade_hash(source, userid, password)
        return userid, login_name

    def login_succeeded(self, request, login):
        lockout.clear(self, login)
        devices.issue(request.response, login, secure=self.secure_cookies())

    def secure_cookies(self):
        """As secure as the site's login cookie (the root folder has none)."""
        site_users = getattr(getSite(), "acl_users", None)
        session = getattr(site_users, "session", None)
        if session is None:
            session = getattr(compat.pas_of(self), "session", None)
        return bool(getattr(session, "secure", False))

    def userid_for_login(self, login):
        source = self.source()
        try:
            return source.getUserIdForLogin(login) if source is not None else None
        except KeyError:
            return None

    def upgrade_hash(self, source, userid, password):
        if hashing.is_current(compat.stored_password_hash(source, userid)):
            return
        new_hash = hashing.hash_password(password)

        def change(obj):
            compat.store_password_hash(obj, userid, new_hash)

        storage.write(source, change)
        logger.info("Password hash of %r upgraded to argon2", userid)

    # IUserAdderPlugin --------------------------------------------------------

    def doAddUser(self, login, password):
        """New users get an argon2 hash right away (source_users stores it as is).

        The id of a deleted account is never given to someone else (``tombstones``);
        Plone's forms and ``POST @users`` show the ValueError's message.
        """
        source = self.source()
        if source is None:
            return False
        if tombstones.is_buried(login):
            raise ValueError(translate(MSG_ID_UNAVAILABLE, context=getRequest()))
        if password:
            password = hashing.hash_password(password)
        return source.doAddUser(login, password)

    # IValidationPlugin -----------------------------------------------------

    def validateUserInfo(self, user, set_id, set_info):
        """Our password policy for Plone's own forms and endpoints (they call
        ``portal_registration.testPasswordValidity``, which asks this plugin)."""
        password = (set_info or {}).get("password")
        if password is None:
            return []
        username = user.getUserName() if user is not None else set_id or ""
        fullname = user.getProperty("fullname", "") if user is not None else ""
        return [
            {"id": "password", "error": message}
            for message in check_password(password, username, fullname or "")
        ]


InitializeClass(KanzleiAktePlugin)
