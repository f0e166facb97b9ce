"""1002 → 1003: sessions and Zope root accounts (issue 11, item 6 and section 3).

- the registry gets the session settings (``kanzlei.akte.session_*``: idle time for
  clients and staff, absolute time), plone.session's ``timeout`` and plone.restapi's
  ``token_timeout`` follow them;
- our PAS plugin becomes the first extraction plugin (it ends expired sessions);
- the Zope root's user folder gets our plugin (lockout and IP throttle for ``admin``).
"""

from kanzlei.akte.pas.install import install_plugin
from plone import api


PROFILE = "profile-kanzlei.akte:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
    install_plugin(api.portal.get())  # also applies the timeouts and guards the root
