"""Install, uninstall and upgrade-step registration of kanzlei.akte."""

from kanzlei.akte import PACKAGE_NAME
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from kanzlei.akte.testing import make_client
from pathlib import Path
from plone import api

import kanzlei.akte
import pytest
import re


PROFILE = "kanzlei.akte:default"
TYPES = (
    "Mandantenbereich",
    "Mandant",
    "Kontaktperson",
    "Mandat",
    "Dokument",
    "Nachricht",
)


def metadata_version():
    text = (
        Path(kanzlei.akte.__file__).parent / "profiles/default/metadata.xml"
    ).read_text()
    return re.search(r"<version>(\d+)</version>", text).group(1)


class TestInstall:
    def test_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME)

    def test_browserlayer(self, browser_layers):
        assert IKanzleiAkteLayer in browser_layers

    def test_controlpanel(self, controlpanel_actions):
        assert "kanzlei-settings" in controlpanel_actions

    def test_profile_version_is_1002(self, setup_tool):
        assert metadata_version() == "1002"
        assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)

    def test_upgrade_steps_consistent(self, setup_tool):
        # nothing left to do on a fresh install ...
        assert setup_tool.listUpgrades(PROFILE) == []
        # ... and every registered step ends at most at the profile version
        from Products.GenericSetup.upgrade import listUpgradeSteps

        steps = listUpgradeSteps(setup_tool, PROFILE, "0")
        for step in steps:
            step = step[0] if isinstance(step, list) else step
            assert int(step["sdest"][0]) <= int(metadata_version())

    def test_types_and_workflows(self, portal):
        types = api.portal.get_tool("portal_types")
        workflow = api.portal.get_tool("portal_workflow")
        chains = {t: workflow.getChainForPortalType(t) for t in TYPES}
        for portal_type in TYPES:
            assert portal_type in types.objectIds()
        assert chains["Mandat"] == ("akte_mandat_workflow",)
        assert chains["Dokument"] == ("akte_dokument_workflow",)
        assert chains["Nachricht"] == ("akte_nachricht_workflow",)
        assert (
            chains["Mandant"] == chains["Kontaktperson"] == ("akte_mandant_workflow",)
        )

    def test_area_groups_and_roles(self, portal):
        area = portal["mandanten"]
        assert area.portal_type == "Mandantenbereich"
        assert area.exclude_from_nav is True
        assert area.Title() == "Mandanten"
        assert "Kanzlei" in api.group.get(groupname="kanzlei").getRoles()
        admin_roles = api.group.get(groupname="kanzlei-admin").getRoles()
        assert {"Kanzlei", "Site Administrator"} <= set(admin_roles)
        assert {"Mandant", "Kanzlei"} <= set(portal.valid_roles())


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, portal, installer):
        self.mandant, self.mandat = make_client(portal, "Anna A", "A-1", "1/26")
        api.user.create(
            email="a@example.org", username="anwalt", password="Passwort-2026-x"
        )
        api.group.add_user(groupname="kanzlei", username="anwalt")
        installer.uninstall_product(PACKAGE_NAME)

    def test_not_installed(self, installer):
        assert not installer.is_product_installed(PACKAGE_NAME)

    def test_browserlayer_and_controlpanel_removed(
        self, browser_layers, controlpanel_actions
    ):
        assert IKanzleiAkteLayer not in browser_layers
        assert "kanzlei-settings" not in controlpanel_actions

    def test_content_and_staff_stay(self, portal):
        assert "mandanten" in portal.objectIds()
        assert self.mandant.getId() in portal["mandanten"].objectIds()
        assert self.mandat.file_number == "1/26"
        assert "anwalt" in [u.getId() for u in api.user.get_users(groupname="kanzlei")]
