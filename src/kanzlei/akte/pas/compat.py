"""Every use of another package's private attributes, in one place.

Plone, PAS, plone.session, plone.restapi and Zope offer no public API for these
operations. Each function here is covered by ``tests/accounts/test_compat.py``,
which fails loudly when an update renames or removes what it relies on.
"""


# --- Products.PluggableAuthService plugins -------------------------------------


def plugin_properties(*extra):
    """The ZMI properties of a PAS plugin class, plus ``extra``."""
    from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin

    return (*BasePlugin._properties, *extra)


def set_id(plugin, plugin_id):
    plugin._setId(plugin_id)


def pas_of(plugin):
    """The PluggableAuthService a plugin lives in."""
    return plugin._getPAS()


# --- Products.PluggableAuthService ZODBUserManager (source_users) -------------


def stored_password_hash(source, userid):
    """The stored hash of a user's password (None for an unknown user)."""
    return source._user_passwords.get(userid)


def store_password_hash(source, userid, password_hash):
    """Store a hash made by us (the manager itself only makes SSHA hashes)."""
    source._user_passwords[userid] = password_hash


def has_password(source, userid):
    return userid in source._user_passwords


# --- plone.session ------------------------------------------------------------


def session_keyring_name(session, userid):
    """The name of the user's own keyring (``per_user_keyring``)."""
    return session._getSecretKey(userid)


def start_session(session, userid, response, tokens=(), user_data=""):
    """Set the login cookie for ``userid`` without a password (after our checks);
    ``user_data`` is signed into the ticket (``sessions.py`` keeps the login time)."""
    session._setupSession(userid, response, tokens, user_data)


def validate_session_ticket(session, ticket):
    """(digest, userid, tokens, user_data, timestamp) of a ticket plone.session
    accepts (signature and its own timeout), else None."""
    return session._validateTicket(ticket)


# --- plone.restapi JWT plugin ----------------------------------------------------


def enable_token_store(jwt):
    """Keep issued JWTs (so that they can be revoked)."""
    from BTrees.OOBTree import OOBTree

    jwt.store_tokens = True
    if jwt._tokens is None:
        jwt._tokens = OOBTree()


def forget_jwt_tokens(jwt, userid):
    """Invalidate every stored JWT of ``userid``; True when there were any."""
    tokens = jwt._tokens
    if tokens is not None and userid in tokens:
        del tokens[userid]
        return True
    return False


def jwt_issued(jwt, userid, token):
    """When a stored JWT was issued (epoch seconds), None when it is not stored."""
    tokens = jwt._tokens
    if tokens is None or userid not in tokens:
        return None
    return tokens[userid].get(token)


def has_jwt_tokens(jwt, userid):
    tokens = jwt._tokens
    return bool(tokens is not None and tokens.get(userid))


# --- Products.CMFPlone PasswordResetTool -----------------------------------------


def reset_requests(tool):
    """(userid, expiry) of every open password reset request, by key."""
    return dict(tool._requests)


def forget_reset_requests(tool, userid):
    for key, (stored_user, _expiry) in list(tool._requests.items()):
        if stored_user == userid:
            del tool._requests[key]


# --- ZPublisher ------------------------------------------------------------------


def authorization_header(request):
    """Zope moves ``Authorization`` out of the environment into ``_auth``."""
    return request._auth or ""


def ignore_authorization(request):
    """Let no plugin of this request see its ``Authorization`` header (an expired
    session's token: PAS extractors read ``_auth``)."""
    request._auth = None


def mark_challenged(response):
    """Tell PAS that an answer was already given (no second challenge)."""
    response._has_challenged = True


# --- OFS / Zope user folders ---------------------------------------------------------


def add_object(container, obj):
    """Add an object the way every ZMI add function does."""
    container._setObject(obj.getId(), obj)


def add_root_user(user_folder, name, password, roles):
    user_folder._doAddUser(name, password, roles, [])


def root_user_password(user):
    return user._getPassword()


# --- plone.namedfile / ZODB blobs --------------------------------------------------


def committed_blob_path(namedfile):
    """The file of a committed blob on disk, or None (new in this transaction)."""
    blob = namedfile._blob
    return blob.committed() if blob._p_blob_committed else None


# --- Products.MailHost ----------------------------------------------------------------


def mailer(mailhost):
    """The MailHost's SMTP mailer, to send at once and see SMTP errors."""
    return mailhost._makeMailer()


# --- Products.CMFPlone login form ---------------------------------------------------


def post_login(form):
    """What Plone's login form does after a successful login (initial-login flag,
    login time); returns whether it was the first login."""
    return form._post_login()


# --- plone.restapi services ----------------------------------------------------------


def user_by_login_name(users_service, login):
    """The member plone.restapi's ``@users`` service finds for a login name."""
    return users_service._get_user_by_login_name(login)


def reset_tus_upload(upload):
    """The state plone.restapi's ``TUSUpload.__init__`` starts with (we set our own
    temporary directory, so we cannot call it)."""
    upload._metadata = None
    upload._file = None


def no_content_marker():
    from plone.restapi.services import _no_content_marker

    return _no_content_marker


# What a plone.restapi service returns for "204 No Content".
NO_CONTENT = no_content_marker()
