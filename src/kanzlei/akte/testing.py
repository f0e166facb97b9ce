"""plone.app.testing layers of kanzlei.akte."""

from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.testing import zope as zope_testing
from plone.testing.zope import WSGI_SERVER_FIXTURE

import kanzlei.akte


class KanzleiAkteLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=kanzlei.akte)
        # Runs pas.install.register_plugin_classes: PAS plugin classes, {ARGON2}.
        zope_testing.installProduct(app, "kanzlei.akte")

    def setUpPloneSite(self, portal):
        applyProfile(portal, "kanzlei.akte:default")
        api.portal.set_registry_record("plone.default_language", "de")
        setRoles(portal, TEST_USER_ID, ["Manager"])


FIXTURE = KanzleiAkteLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="KanzleiAkteLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="KanzleiAkteLayer:FunctionalTesting"
)

__all__ = ["FUNCTIONAL_TESTING", "INTEGRATION_TESTING", "SITE_OWNER_NAME"]


def make_staff(userid="anwalt", fullname="Dr. Anna Anwalt", email="anwalt@example.org"):
    """A staff member (group ``kanzlei``)."""
    user = api.user.create(
        email=email,
        username=userid,
        password="Kanzlei-Test-Passwort-2026",
        properties={"fullname": fullname},
    )
    api.group.add_user(groupname="kanzlei", username=userid)
    return user


def make_client(
    portal,
    name,
    client_number,
    file_number,
    userid=None,
    email=None,
    online_access=True,
    subject="Mietsache",
):
    """A Mandant with one open Mandat; with ``userid`` also a linked portal user."""
    from kanzlei.akte.accounts.links import link_user

    with api.env.adopt_roles(["Manager"]):
        mandant = api.content.create(
            container=portal["mandanten"],
            type="Mandant",
            title=name,
            client_number=client_number,
            email=email or f"{client_number}@example.org",
            online_access=online_access,
        )
        mandat = api.content.create(
            container=mandant,
            type="Mandat",
            title=subject,
            file_number=file_number,
            opposing_party="Gegner GmbH",
        )
        if userid:
            api.user.create(
                email=email or f"{userid}@example.org",
                username=userid,
                password="Mandanten-Test-Passwort-2026",
            )
            link_user(mandant, userid)
    return mandant, mandat


def make_contact(mandant, name="Petra Prokura", email="petra@firma.de"):
    """A Kontaktperson of a Mandant (may get a portal login of its own)."""
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=mandant, type="Kontaktperson", title=name, email=email
        )


def add_document(mandat, title="Schriftsatz", data=b"%PDF-1.4 test", filename="a.pdf"):
    from plone.namedfile.file import NamedBlobFile

    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=mandat,
            type="Dokument",
            title=title,
            file=NamedBlobFile(
                data=data, filename=filename, contentType="application/pdf"
            ),
            category="Schriftsatz",
        )


def client_upload(mandat, userid, title="Upload", filename="upload.pdf"):
    """A document that the client user ``userid`` uploaded (created as that user)."""
    from plone.namedfile.file import NamedBlobFile

    with api.env.adopt_user(username=userid):
        return api.content.create(
            container=mandat,
            type="Dokument",
            title=title,
            file=NamedBlobFile(
                data=b"%PDF-1.4 upload",
                filename=filename,
                contentType="application/pdf",
            ),
        )


def configure_mailhost(port, host="127.0.0.1", sender="kanzlei@example.org"):
    """Point Plone's MailHost at an SMTP server (e.g. the tests' ``smtp_sink``)."""
    api.portal.set_registry_record("plone.smtp_host", host)
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", sender)
    api.portal.set_registry_record("plone.email_from_name", "KLX Rechtsanwälte")
