"""From the first release to today: every upgrade step in a row (issue 13 §6).

Two sites, made the same way in one test database: ``alt`` gets the first release's
profile (profile version 1000, the files of commit a62de0a in
``tests/setup/profile_1000/``) plus what that release's Python code left behind
(``test_upgrade_1001.first_release_state``), then all upgrades run; ``neu`` gets
today's profile. Their exported configuration must agree: permissions (rolemap),
registry, workflows, types, actions, control panels, catalog, PAS plugins.
"""

from kanzlei.akte.setuphandlers.install import post_install
from pathlib import Path
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing.layers import PloneFixture
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.factory import addPloneSite
from Products.GenericSetup import EXTENSION
from Products.GenericSetup import profile_registry
from tests.setup.test_upgrade_1001 import first_release_state

import difflib
import io
import pytest
import re
import tarfile


PROFILE = "kanzlei.akte:default"
RELEASE_1000 = "kanzlei.akte:release1000"
SNAPSHOT = Path(__file__).parent / "profile_1000"
PLONE_FIXTURE_PROFILES = PloneFixture.extensionProfiles
# when a site was made (plone.app.theming's custom_css_timestamp): not configuration
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+")
# GenericSetup export steps whose result the two sites must share
STEPS = (
    "rolemap",
    "plone.app.registry",
    "workflows",
    "typeinfo",
    "actions",
    "controlpanel",
    "catalog",
    "browserlayer",
    "componentregistry",
)


@pytest.fixture
def release_1000_profile():
    profile_registry.registerProfile(
        "release1000",
        "Online-Akte, erste Version (1000)",
        "",
        str(SNAPSHOT),
        product="kanzlei.akte",
        profile_type=EXTENSION,
    )
    try:
        yield RELEASE_1000
    finally:
        profile_registry.unregisterProfile("release1000", "kanzlei.akte")


def new_site(app, site_id):
    """A Plone site as the test layer makes one (PLONE_FIXTURE's profiles)."""
    site = addPloneSite(
        app,
        site_id,
        title="Online-Akte",
        default_language="de",
        extension_ids=PLONE_FIXTURE_PROFILES,
    )
    return site


def done(site):
    """Index what is queued while ``site`` is the current site (before another)."""
    processQueue()
    return site


def exported(site):
    """{step:file: text} of the export steps in STEPS; the site's id, times neutral."""
    setup = site.portal_setup
    files = {}
    for step in STEPS:
        result = setup.runExportStep(step)
        with tarfile.open(fileobj=io.BytesIO(result["tarball"])) as tar:
            for member in tar.getmembers():
                if member.isfile():
                    text = tar.extractfile(member).read().decode()
                    text = TIMESTAMP.sub("TIME", text.replace(site.getId(), "SITE"))
                    files[f"{step}:{member.name}"] = text
    return files


def active_plugins(site):
    plugins = site.acl_users.plugins
    return {
        info["id"]: plugins.listPluginIds(info["interface"])
        for info in plugins.listPluginTypeInfo()
    }


def test_first_release_upgraded_equals_a_fresh_install(app, release_1000_profile):
    login(app, SITE_OWNER_NAME)  # the export views check permissions
    neu = new_site(app, "zz-fresh")
    neu.portal_setup.runAllImportStepsFromProfile(f"profile-{PROFILE}")
    done(neu)
    want, want_plugins = exported(neu), active_plugins(neu)

    alt = new_site(app, "zz-upgraded")
    setup = alt.portal_setup
    setup.runAllImportStepsFromProfile(f"profile-{release_1000_profile}")
    post_install(setup)  # the release's post_handler: groups, area, PAS plugin
    first_release_state(alt)
    setup.setLastVersionForProfile(PROFILE, "1000")
    assert exported(alt) != want  # the first release differs from today

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (
        setup.getVersionForProfile(PROFILE),
    )
    assert not setup.listUpgrades(PROFILE)
    got = exported(alt)
    assert sorted(got) == sorted(want)
    differences = [
        "\n".join(
            difflib.unified_diff(
                want[name].splitlines(), got[name].splitlines(), name, name, lineterm=""
            )
        )
        for name in want
        if got[name] != want[name]
    ]
    assert not differences, "\n".join(differences)
    assert active_plugins(alt) == want_plugins
