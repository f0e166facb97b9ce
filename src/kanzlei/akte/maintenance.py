"""Closing and archiving mandates.

``archive_expired_mandates(portal)`` moves closed mandates whose read access for the
client has run out (``closed + closed_mandate_access_days`` is past) to ``archiviert``.
Run it daily: the notifications' clock calls it, and ``@@akte-wartung`` (Manager, POST)
runs it by hand. Access already ends when the time is up, before the job runs
(``Mandat.__ac_local_roles_block__``); the job makes the state and the catalog say so.
"""

from datetime import date
from kanzlei.akte import logger
from plone import api
from plone.app.uuid.utils import uuidToObject


def expired_mandates(portal, today=None):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Mandat", review_state="abgeschlossen"
    )
    for brain in brains:
        mandat = uuidToObject(brain.UID, unrestricted=True)
        if mandat is not None and mandat.client_access_ended(
            today=today or date.today()
        ):
            yield mandat


def archive_expired_mandates(portal, today=None):
    """Archive every expired closed mandate; returns the paths archived."""
    archived = []
    with api.env.adopt_roles(["Manager"]):
        for mandat in list(expired_mandates(portal, today=today)):
            api.content.transition(
                obj=mandat,
                transition="archivieren",
                comment="Lesezugriff des Mandanten abgelaufen",
            )
            archived.append("/".join(mandat.getPhysicalPath()))
    if archived:
        logger.info("archived %d closed mandates: %s", len(archived), archived)
    return archived
