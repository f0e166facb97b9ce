"""API tokens for integrations (the firm's law-office software).

A token is ``akte_<id>_<secret>``, sent as ``Authorization: Bearer <token>`` or as
``X-Akte-Token: <token>``. Only the SHA-256 of the secret is stored (the secret is 256
random bits, so a plain hash is enough); the clear token is shown once, when it is
created. A token belongs to a user with the role ``Integration`` and acts as that user;
the firm admin revokes it on the ``@@akte-api-tokens`` page.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from kanzlei.akte.pas import compat
from kanzlei.akte.pas import zmi
from kanzlei.akte.pas.lookup import API_TOKENS_ID
from persistent.mapping import PersistentMapping
from plone.protect.utils import safeWrite
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer

import hashlib
import hmac
import re
import secrets


META_TYPE = "Kanzlei Akte API Tokens"
PLUGIN_ID = API_TOKENS_ID
PREFIX = "akte_"
HEADER = "X-Akte-Token"
TOKEN = re.compile(r"^akte_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")
LAST_USED_PRECISION = timedelta(minutes=5)


manage_addApiTokenPluginForm = zmi.add_form("addApiTokenPlugin", API_TOKENS_ID)


def addApiTokenPlugin(dispatcher, id, title="", REQUEST=None):  # noqa: A002
    zmi.add_plugin(dispatcher, ApiTokenPlugin(id, title), REQUEST)


def hash_secret(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@implementer(IExtractionPlugin, IAuthenticationPlugin)
class ApiTokenPlugin(BasePlugin):
    meta_type = META_TYPE
    security = ClassSecurityInfo()
    tokens = None  # token id -> metadata and hash (OOBTree)

    def __init__(self, id, title=""):  # noqa: A002
        compat.set_id(self, id)
        self.title = title
        self.tokens = OOBTree()

    # --- management (called by the admin page, which checks its permission) ---

    def create_token(self, userid, name, created_by=None):
        """Returns (token id, clear token); the clear token is never stored."""
        token_id = "".join(
            secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12)
        )
        secret = secrets.token_urlsafe(32)
        self.tokens[token_id] = PersistentMapping(
            name=name,
            userid=userid,
            hash=hash_secret(secret),
            created=datetime.now(),
            created_by=created_by,
            last_used=None,
            revoked=None,
        )
        return token_id, f"{PREFIX}{token_id}_{secret}"

    def revoke_token(self, token_id):
        info = self.tokens.get(token_id)
        if info is None or info["revoked"]:
            return False
        info["revoked"] = datetime.now()
        return True

    def revoke_tokens_of(self, userid):
        """Revoke every token of a user (the account was deleted or disabled)."""
        revoked = 0
        for token_id, info in self.tokens.items():
            if info["userid"] == userid and self.revoke_token(token_id):
                revoked += 1
        return revoked

    def list_tokens(self):
        """Metadata only (no hash)."""
        return [
            {
                "id": token_id,
                "name": info["name"],
                "userid": info["userid"],
                "created": info["created"],
                "created_by": info.get("created_by"),
                "last_used": info["last_used"],
                "revoked": info["revoked"],
            }
            for token_id, info in self.tokens.items()
        ]

    # --- IExtractionPlugin ---

    security.declarePrivate("extractCredentials")

    def extractCredentials(self, request):
        value = request.getHeader(HEADER) or ""
        if not value:
            auth = compat.authorization_header(request)
            if auth[:7].lower() == "bearer ":
                value = auth[7:].strip()
        if not value.startswith(PREFIX):
            return {}
        return {"akte_api_token": value.strip()}

    # --- IAuthenticationPlugin ---

    security.declarePrivate("authenticateCredentials")

    def authenticateCredentials(self, credentials):
        value = credentials.get("akte_api_token")
        if not value:
            return None
        match = TOKEN.match(value)
        if match is None:
            return None
        token_id, secret = match.groups()
        info = self.tokens.get(token_id)
        if info is None or info["revoked"]:
            return None
        if not hmac.compare_digest(info["hash"], hash_secret(secret)):
            return None
        self.touch(info)
        return info["userid"], info["userid"]

    def touch(self, info):
        now = datetime.now()
        if info["last_used"] and now - info["last_used"] < LAST_USED_PRECISION:
            return
        info["last_used"] = now
        request = getattr(self, "REQUEST", None)
        if request is not None:
            # Only this token's "last used" time may be written on a GET (what staff
            # see to find unused tokens); the rest of the request stays protected.
            safeWrite(info, request)


InitializeClass(ApiTokenPlugin)
