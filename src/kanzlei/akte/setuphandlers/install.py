"""Install and uninstall steps that GenericSetup XML cannot express."""

from kanzlei.akte import _
from kanzlei.akte.pas import install as pas_install
from kanzlei.akte.setuphandlers.apitokens import install_apitokens
from kanzlei.akte.setuphandlers.apitokens import uninstall_apitokens
from plone import api
from plone.base.interfaces import INonInstallable
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.interface import implementer


AREA_ID = "mandanten"
START_VIEW = "akte-start"
STAFF_GROUP = "kanzlei"
ADMIN_GROUP = "kanzlei-admin"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["kanzlei.akte:uninstall"]

    def getNonInstallableProducts(self):
        return ["kanzlei.akte.upgrades"]


def _groups(portal):
    if not api.group.get(groupname=STAFF_GROUP):
        api.group.create(
            groupname=STAFF_GROUP,
            title="Kanzlei",
            description="Anwältinnen, Anwälte und Sekretariat",
            roles=["Kanzlei"],
        )
    if not api.group.get(groupname=ADMIN_GROUP):
        api.group.create(
            groupname=ADMIN_GROUP,
            title="Kanzlei-Administration",
            description="Verwaltet Einstellungen, Benutzer und Inhaltsregeln",
            roles=["Kanzlei", "Site Administrator"],
        )


def _area(portal):
    if AREA_ID in portal.objectIds():
        return portal[AREA_ID]
    title = translate(_("area_title", default="Mandanten"), target_language="de")
    # The area is not addable anywhere by hand (global_allow False): bypass constraints.
    area = createContentInContainer(
        portal,
        "Mandantenbereich",
        checkConstraints=False,
        id=AREA_ID,
        title=title,
        exclude_from_nav=True,
    )
    return area


def set_start_page(portal):
    """The portal root shows ``@@akte-start`` (welcome, or redirect by user)."""
    portal.setLayout(START_VIEW)


def unset_start_page(portal):
    """Back to the Plone Site type's default view (our view goes with the layer)."""
    if portal.getLayout() != START_VIEW:
        return
    if portal.hasProperty("layout"):
        portal.manage_delProperties(["layout"])


def post_install(context):
    portal = api.portal.get()
    _groups(portal)
    _area(portal)
    set_start_page(portal)
    pas_install.install_plugin(portal)
    install_apitokens(portal)


def uninstall(context):
    """Content stays: a firm's client files are never deleted by an uninstall.

    The groups ``kanzlei`` and ``kanzlei-admin`` stay as well (with their members), so
    a reinstall gives staff their access back; the browser layer, the control panel
    and the login plugin go (profiles/uninstall)."""
    portal = api.portal.get()
    pas_install.uninstall_plugin(portal)
    uninstall_apitokens(portal)
    from kanzlei.akte.mail.setup import remove_rules

    remove_rules(portal)
    unset_start_page(portal)
