"""One beat of the clock: for every site with kanzlei.akte, send due notifications
(and run the maintenance job). Used by the in-instance clock, by the zconsole script
``zconsole_tick.py`` (cron / systemd timer) and the view
``@@akte-benachrichtigungen-senden``.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from kanzlei.akte import logger
from kanzlei.akte.mail import sender
from kanzlei.akte.maintenance import archive_expired_mandates
from zope.component.hooks import setSite

import transaction


PROFILE = "kanzlei.akte:default"


def akte_sites(app):
    for site in app.objectValues("Plone Site"):
        setup = getattr(site, "portal_setup", None)
        if setup is not None and setup.getLastVersionForProfile(PROFILE) != "unknown":
            yield site


def maintenance(portal):
    """The daily maintenance (archive expired closed mandates), committed."""
    transaction.begin()
    try:
        result = archive_expired_mandates(portal)
        transaction.commit()
    except Exception:
        transaction.abort()
        logger.exception("Wartung (archive_expired_mandates) fehlgeschlagen")
        return None
    return result


def run_site(portal, with_maintenance=False, now=None):
    """Send what is due in one site (as the system user); returns the counts."""
    setSite(portal)
    newSecurityManager(None, system)
    try:
        counts = sender.flush(portal, now=now)
        if with_maintenance:
            maintenance(portal)
        return counts
    finally:
        noSecurityManager()
        setSite(None)


def run(app, with_maintenance=False, now=None):
    results = {}
    for site in list(akte_sites(app)):
        try:
            results["/".join(site.getPhysicalPath())] = run_site(
                site, with_maintenance, now
            )
        except Exception:
            transaction.abort()
            logger.exception("Benachrichtigungen für %s fehlgeschlagen", site.getId())
    return results
