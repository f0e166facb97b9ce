"""The upgrade step of issue 11 brings an existing site to the hardened settings."""

from kanzlei.akte.upgrades.v1002_20261203_security import upgrade
from plone import api

import pytest


STAFF_ONLY = [
    "List portal members",
    "List undoable changes",
    "Allow sendto",
    "CMFEditions: Access previous versions",
]
WORKFLOWS = [
    "akte_bereich_workflow",
    "akte_mandant_workflow",
    "akte_mandat_workflow",
    "akte_dokument_workflow",
    "akte_nachricht_workflow",
    "akte_fragebogen_workflow",
]


def roles_of(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


@pytest.fixture
def old_site(portal):
    """The site as profile version 1000 left it (Plone's defaults)."""
    for permission in STAFF_ONLY:
        portal.manage_permission(
            permission, roles=["Manager", "Member", "Owner"], acquire=True
        )
    wftool = api.portal.get_tool("portal_workflow")
    for workflow in WORKFLOWS:
        wftool[workflow].variables["review_history"].info_guard = None
    contact = api.portal.get_tool("portal_actions").site_actions.contact
    contact.permissions = ("View",)
    return portal


def test_upgrade(old_site):
    upgrade(api.portal.get_tool("portal_setup"))
    for permission in STAFF_ONLY:
        roles = roles_of(old_site, permission)
        assert "Kanzlei" in roles and "Manager" in roles
        assert not roles & {"Member", "Authenticated", "Owner", "Mandant"}, permission
    wftool = api.portal.get_tool("portal_workflow")
    for workflow in WORKFLOWS:
        guard = wftool[workflow].variables["review_history"].getInfoGuard()
        assert guard.permissions == ("Review portal content",), workflow
    contact = api.portal.get_tool("portal_actions").site_actions.contact
    assert contact.permissions == ("Allow sendto",)
