"""argon2 parameters of new hashes; logging out in one browser ends the other ones."""

from .conftest import form_login
from .conftest import PASSWORD
from argon2 import PasswordHasher
from kanzlei.akte.testing import make_client
from plone import api
from Products.GenericSetup.context import TarballExportContext
from Products.PluggableAuthService.plugins.exportimport import (
    ZODBUserManagerExportImport,
)
from xml.etree import ElementTree

import io
import re
import tarfile
import transaction


# OWASP's argon2id recommendation the README promises: 19 MiB, 2 passes, 1 lane.
NEW_PASSWORD = "Vier grüne Ziegen tanzen leise"
PARAMETERS = re.compile(r"\{ARGON2\}\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$")


def stored_hash(portal, userid):
    """The password hash as PAS's own GenericSetup export of source_users shows it."""
    context = TarballExportContext(api.portal.get_tool("portal_setup"))
    ZODBUserManagerExportImport(portal.acl_users.source_users).export(
        context, "PAS", True
    )
    with tarfile.open(fileobj=io.BytesIO(context.getArchive())) as archive:
        xml = archive.extractfile("PAS/source_users.xml").read()
    for user in ElementTree.fromstring(xml).iter("user"):
        if user.get("user_id") == userid:
            return user.get("password_hash")
    raise KeyError(userid)


def assert_owasp_argon2(encoded, password):
    match = PARAMETERS.match(encoded)
    assert match, encoded
    assert tuple(map(int, match.groups())) == (19 * 1024, 2, 1)
    assert PasswordHasher().verify(encoded.removeprefix("{ARGON2}"), password)


def test_new_and_changed_hashes_use_the_promised_argon2_parameters(functional):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    assert_owasp_argon2(stored_hash(portal, "mueller"), PASSWORD)
    portal.acl_users.userSetPassword("mueller", "Vier grüne Ziegen tanzen leise")
    assert_owasp_argon2(
        stored_hash(portal, "mueller"), "Vier grüne Ziegen tanzen leise"
    )


def logged_in(session, base_url):
    """The portal greets this browser as a logged-in user (Plone's body class)."""
    return "userrole-authenticated" in session.get(base_url).text


def test_logout_in_one_browser_ends_the_other_browsers(functional, base_url):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    office, _ = form_login(base_url, "mueller", PASSWORD)
    phone, _ = form_login(base_url, "mueller", PASSWORD)
    assert logged_in(office, base_url) and logged_in(phone, base_url)
    response = office.get(f"{base_url}/logout")  # what the "Abmelden" link does
    assert response.status_code == 200, response.url
    assert not logged_in(office, base_url)
    assert not logged_in(phone, base_url)  # the other browser's cookie is void
    # and a new login works again, in any browser
    phone, _ = form_login(base_url, "mueller", PASSWORD)
    assert logged_in(phone, base_url)
