"""Each private attribute of another package we rely on, checked on the real object.

When a Plone, PAS, plone.session, plone.restapi, MailHost or ZODB update renames or
removes one of them, this fails here, loudly, before login or revocation break.
"""

from kanzlei.akte.pas import compat
from kanzlei.akte.pas import hashing
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from OFS.Folder import Folder
from plone import api
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin

import transaction


def test_password_hashes_of_source_users(portal):
    make_client(portal, "Hanna H", "H-1", "1/26", userid="hanna")
    source = portal.acl_users.source_users
    assert compat.has_password(source, "hanna")
    assert hashing.is_current(compat.stored_password_hash(source, "hanna"))
    compat.store_password_hash(source, "hanna", hashing.hash_password("Neu-2026-Wiese"))
    assert source.authenticateCredentials(
        {"login": "hanna", "password": "Neu-2026-Wiese"}
    ) == ("hanna", "hanna")
    assert compat.stored_password_hash(source, "nobody") is None


def test_session_keyring_name_and_session_start(portal, request):
    session = portal.acl_users.session
    name = compat.session_keyring_name(session, "hanna")
    assert name.endswith("hanna") and name != "hanna"
    response = portal.REQUEST.response
    compat.start_session(session, "hanna", response)
    assert "__ac" in response.cookies


def test_jwt_token_store(portal):
    jwt = portal.acl_users.jwt_auth
    compat.enable_token_store(jwt)
    assert jwt.store_tokens
    token = jwt.create_token("hanna")
    assert compat.has_jwt_tokens(jwt, "hanna")
    assert jwt._decode_token(token) is not None  # noqa: SLF001 - proves the store works
    assert compat.forget_jwt_tokens(jwt, "hanna")
    assert not compat.has_jwt_tokens(jwt, "hanna")
    assert not compat.forget_jwt_tokens(jwt, "hanna")


def test_password_reset_requests(portal):
    make_client(portal, "Ida I", "I-1", "1/26", userid="ida")
    tool = api.portal.get_tool("portal_password_reset")
    reset = tool.requestReset("ida")
    requests = compat.reset_requests(tool)
    assert requests[reset["randomstring"]][0] == "ida"
    compat.forget_reset_requests(tool, "ida")
    assert reset["randomstring"] not in compat.reset_requests(tool)


def test_authorization_header_and_challenge(portal):
    request = portal.REQUEST
    request._auth = "Bearer abc"  # noqa: SLF001 - what ZPublisher does with the header
    assert compat.authorization_header(request) == "Bearer abc"
    compat.mark_challenged(request.response)
    assert request.response._has_challenged is True  # noqa: SLF001


def test_object_and_root_user_helpers(portal):
    folder = Folder("x")
    compat.add_object(portal, folder)
    assert "x" in portal.objectIds()
    from AccessControl.userfolder import UserFolder

    users = UserFolder()  # what a Zope root has (instance/bootstrap.py)
    compat.add_root_user(users, "compatroot", "Root-Pass-2026", ["Manager"])
    user = users.getUser("compatroot")
    assert user.getRoles() == ("Manager", "Authenticated")
    assert compat.root_user_password(user)


def test_plugin_helpers(portal):
    plugin = portal.acl_users.kanzlei_akte
    assert compat.pas_of(plugin).getPhysicalPath() == (
        portal.acl_users.getPhysicalPath()
    )
    props = compat.plugin_properties({"id": "x", "type": "string", "mode": "w"})
    assert props[: len(BasePlugin._properties)] == BasePlugin._properties  # noqa: SLF001
    assert props[-1]["id"] == "x"


def test_committed_blob_path(portal):
    _mandant, mandat = make_client(portal, "Jan J", "J-1", "1/26")
    doc = add_document(mandat, data=b"%PDF-1.4 compat")
    assert compat.committed_blob_path(doc.file) is None  # not committed yet
    transaction.savepoint(optimistic=True)


def test_mailer(portal):
    mailer = compat.mailer(api.portal.get_tool("MailHost"))
    assert callable(mailer.send)


def test_restapi_helpers(portal):
    from kanzlei.akte.services.upload.tus import AkteUpload
    from plone.restapi.services import _no_content_marker  # noqa: PLC2701
    from plone.restapi.services.users.add import UsersPost

    assert compat.NO_CONTENT is _no_content_marker
    make_client(portal, "Karl K", "K-9", "9/26", userid="karl")
    service = UsersPost.__new__(UsersPost)  # only the look-up is used
    service.context, service.request = portal, portal.REQUEST
    assert compat.user_by_login_name(service, "karl").getId() == "karl"
    assert compat.user_by_login_name(service, "niemand") is None
    upload = AkteUpload("compat-test")
    assert upload.metadata() == {}  # the base class's state is there


def test_post_login_of_plones_login_form(portal):
    from kanzlei.akte.browser.login.login import AkteLoginForm

    make_client(portal, "Lea L", "L-9", "9/26", userid="lea")
    form = AkteLoginForm(portal, portal.REQUEST)
    with api.env.adopt_user(username="lea"):
        assert compat.post_login(form) in (True, False)


def test_zmi_add_forms_of_both_plugins(portal):
    from kanzlei.akte.pas import apitokens
    from kanzlei.akte.pas import plugin

    html = plugin.manage_addKanzleiAktePlugin(portal.acl_users)
    assert 'action="addKanzleiAktePlugin"' in html
    assert 'action="addApiTokenPlugin"' in apitokens.manage_addApiTokenPluginForm(
        portal.acl_users
    )
    plugin.addKanzleiAktePlugin(portal.acl_users, "zweites_plugin", "Zweites")
    assert portal.acl_users["zweites_plugin"].meta_type == plugin.META_TYPE


def test_session_ticket_validation_and_user_data(portal):
    import binascii

    session = portal.acl_users.session
    response = portal.REQUEST.response
    compat.start_session(session, "hanna", response, (), "akte-login:1234")
    value = response.cookies["__ac"]["value"]
    ticket = binascii.a2b_base64(value)
    digest, userid, tokens, user_data, timestamp = compat.validate_session_ticket(
        session, ticket
    )
    assert (userid, user_data) == ("hanna", "akte-login:1234")
    assert compat.validate_session_ticket(session, b"0" * 32 + ticket[32:]) is None


def test_jwt_issue_time(portal):
    import time

    jwt = portal.acl_users.jwt_auth
    compat.enable_token_store(jwt)
    token = jwt.create_token("hanna")
    assert abs(compat.jwt_issued(jwt, "hanna", token) - time.time()) < 5
    assert compat.jwt_issued(jwt, "hanna", "other") is None
    assert compat.jwt_issued(jwt, "nobody", token) is None


def test_ignore_authorization(portal):
    request = portal.REQUEST
    request._auth = "Bearer abc"  # noqa: SLF001 - what ZPublisher does with the header
    compat.ignore_authorization(request)
    assert compat.authorization_header(request) == ""
    jwt = portal.acl_users.jwt_auth
    assert not jwt.extractCredentials(request)  # plone.restapi reads the same place
