"""The kanzlei.akte PAS plugin: password login with Kanzlei/Datenbank, lockouts,
argon2 hashes, refusal of disabled client accounts.

It wraps Plone's user source (``source_users``): our plugin is the active
``IAuthenticationPlugin`` for login/password credentials and ``source_users`` is
deactivated for that interface (``install.py``), so every password login (login
form, ``@login`` over REST, HTTP Basic auth) passes our checks before
``source_users`` verifies the password. Session cookies and JWTs are verified by
their own plugins (plone.session, plone.restapi); ``revocation.py`` invalidates them.
"""

from AccessControl.class_init import InitializeClass
from kanzlei.akte.pas import access
from kanzlei.akte.pas import hashing
from kanzlei.akte.pas import lockout
from kanzlei.akte.pas import storage
from kanzlei.akte.pas.clientip import client_ip
from Products.PageTemplates.PageTemplateFile import PageTemplateFile
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserAdderPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.globalrequest import getRequest
from zope.interface import implementer

import logging
import unicodedata


logger = logging.getLogger("kanzlei.akte.login")

META_TYPE = "Kanzlei Akte Login Plugin"
REFUSAL_KEY = "kanzlei.akte.login_refusal"  # request.other: "failed" / "locked"
LOCKED = "locked"
FAILED = "failed"


def _norm(value):
    return unicodedata.normalize("NFC", str(value or "").strip()).casefold()


def mark_refusal(request, reason):
    other = getattr(request, "other", None)
    if other is not None and other.get(REFUSAL_KEY) != LOCKED:
        other[REFUSAL_KEY] = reason


def refusal(request):
    if request is None or not hasattr(request, "other"):
        return None
    return request.other.get(REFUSAL_KEY)


manage_addKanzleiAktePlugin = PageTemplateFile(
    "www/add_plugin", globals(), __name__="manage_addKanzleiAktePlugin"
)


def addKanzleiAktePlugin(dispatcher, id, title=None, REQUEST=None):  # noqa: A002
    plugin = KanzleiAktePlugin(id, title)
    dispatcher._setObject(plugin.getId(), plugin)
    if REQUEST is not None:
        REQUEST.RESPONSE.redirect(f"{dispatcher.absolute_url()}/manage_workspace")


@implementer(IAuthenticationPlugin, IUserAdderPlugin)
class KanzleiAktePlugin(BasePlugin):
    meta_type = META_TYPE
    user_source_id = "source_users"
    _lockouts = None

    _properties = BasePlugin._properties + (
        {"id": "user_source_id", "type": "string", "mode": "w"},
    )

    def __init__(self, id, title=None):  # noqa: A002
        self._setId(id)
        self.title = title

    # helpers -----------------------------------------------------------------

    def _source(self):
        return getattr(self._getPAS(), self.user_source_id, None)

    def _request(self):
        request = getRequest()
        if request is None:
            request = getattr(self, "REQUEST", None)
        return request

    def _firm_ids(self):
        registry = getattr(self, "portal_registry", None)
        if registry is None:
            return None, None
        return (
            registry.get("kanzlei.akte.kanzlei_login"),
            registry.get("kanzlei.akte.datenbank"),
        )

    def _firm_matches(self, request):
        """The login form's Kanzlei/Datenbank, where sent, must be this firm's."""
        form = getattr(request, "form", None) or {}
        kanzlei, datenbank = self._firm_ids()
        for field, expected in (("kanzlei", kanzlei), ("datenbank", datenbank)):
            if field in form and _norm(form[field]) != _norm(expected):
                return False
        return True

    def _zope_root_user(self, login):
        """Users of the Zope root user folder are authenticated there, not here."""
        try:
            root_uf = self.getPhysicalRoot().acl_users
        except AttributeError:
            return False
        if root_uf is self._getPAS():
            return False
        try:
            return root_uf.getUser(login) is not None
        except Exception:  # noqa: BLE001 - a foreign user folder must not break login
            return False

    def record_failure(self, request, login, ip=None):
        """Count one failure per login and request; mark the request."""
        ip = client_ip(request, self) if ip is None else ip
        counted = request.other.setdefault("kanzlei.akte.counted", set())
        locked = False
        if (login, ip) not in counted:
            counted.add((login, ip))
            lockout.record_ip_failure(ip, self)
            locked = lockout.record_failure(self, login)
        mark_refusal(request, LOCKED if locked else FAILED)
        logger.info("Login refused for %r from %s", login, ip)

    # IAuthenticationPlugin ---------------------------------------------------

    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        password = credentials.get("password")
        if not login or password is None:
            return None
        source = self._source()
        if source is None:
            return None
        request = self._request()
        if request is None or not hasattr(request, "other"):
            # No request (scripts): plain verification without bookkeeping.
            return source.authenticateCredentials(credentials)
        ip = client_ip(request, self)

        userid = source._login_to_userid.get(login)
        if userid is None and self._zope_root_user(login):
            return None
        if lockout.ip_blocked(ip, self) or lockout.locked_until(self, login):
            mark_refusal(request, LOCKED)
            return None
        if not self._firm_matches(request) or userid is None:
            hashing.dummy_verify(password)
            self.record_failure(request, login, ip)
            return None
        result = source.authenticateCredentials(credentials)
        if not result:
            self.record_failure(request, login, ip)
            return None
        userid, login_name = result
        if access.is_refused(userid):
            mark_refusal(request, FAILED)
            logger.info("Login of disabled account %r refused", userid)
            return None
        lockout.clear(self, login)
        self._upgrade_hash(source, userid, password)
        return userid, login_name

    def _upgrade_hash(self, source, userid, password):
        if hashing.is_current(source._user_passwords.get(userid)):
            return
        new_hash = hashing.hash_password(password)

        def change(obj):
            obj._user_passwords[userid] = new_hash

        storage.write(source, change)
        logger.info("Password hash of %r upgraded to argon2", userid)

    # IUserAdderPlugin --------------------------------------------------------

    def doAddUser(self, login, password):
        """New users get an argon2 hash right away (source_users stores it as is)."""
        source = self._source()
        if source is None:
            return False
        if password:
            password = hashing.hash_password(password)
        return source.doAddUser(login, password)


InitializeClass(KanzleiAktePlugin)
