"""Test layer: a second firm's Plone site next to /plone (login at the Zope root)."""

from kanzlei.akte.testing import FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import SITE_OWNER_NAME
from plone.testing import Layer
from plone.testing import zodb
from plone.testing import zope as zope_testing
from plone.testing.zope import WSGI_SERVER_FIXTURE
from zope.component.hooks import setSite


SECOND_SITE = "kanzlei2"


class SecondSiteLayer(Layer):
    """The site of a second firm: Kanzlei ``ZweiteKanzlei``, Datenbank ``ZK2``."""

    defaultBases = (FIXTURE,)

    def setUp(self):
        from Products.CMFPlone.factory import addPloneSite

        self["zodbDB"] = zodb.stackDemoStorage(self.get("zodbDB"), name="SecondSite")
        with zope_testing.zopeApp(db=self["zodbDB"]) as app:
            zope_testing.login(app["acl_users"], SITE_OWNER_NAME)
            site = addPloneSite(
                app,
                SECOND_SITE,
                title="Zweite Kanzlei",
                default_language="de",
                extension_ids=(
                    "plonetheme.barceloneta:default",
                    "kanzlei.akte:default",
                ),
            )
            setSite(site)
            site.portal_registry["kanzlei.akte.kanzlei_login"] = "ZweiteKanzlei"
            site.portal_registry["kanzlei.akte.datenbank"] = "ZK2"
            setSite(None)

    def tearDown(self):
        self["zodbDB"].close()
        del self["zodbDB"]


SECOND_SITE_FIXTURE = SecondSiteLayer()

TWO_SITES_FUNCTIONAL = FunctionalTesting(
    bases=(SECOND_SITE_FIXTURE, WSGI_SERVER_FIXTURE),
    name="KanzleiAkteLogin:TwoSitesFunctional",
)
