"""Staff reset a client's second factor (phone lost, recovery codes gone).

On the Mandant's page of portal accounts (``@@akte-konto-sperren``, permission
``kanzlei.akte: Manage client access``), with a confirmation in the browser. The
client then logs in with the password alone and may set up a new factor; pending
logins of the old factor end (``pending.py``). Fires ``SecondFactorReset`` with
the staff member's id.
"""

from kanzlei.akte import _
from kanzlei.akte.twofactor import events
from kanzlei.akte.twofactor import store
from plone import api
from zope.event import notify

import logging


logger = logging.getLogger("kanzlei.akte.login")

ACTION = "reset_second_factor"


def has_second_factor(userid):
    return store.is_enabled(store.plugin(), userid)


def reset(userid):
    """Remove the second factor of ``userid``; the status message to show."""
    if not store.remove(store.plugin(), userid):
        return _(
            "twofactor_reset_none",
            default="Für dieses Konto ist keine Zwei-Faktor-Anmeldung eingerichtet.",
        )
    by = api.user.get_current().getId()
    notify(events.SecondFactorReset(userid, by))
    logger.info("Second factor of %r reset by %r", userid, by)
    return _(
        "twofactor_reset_done",
        default="Die Zwei-Faktor-Anmeldung wurde zurückgesetzt. Der Zugang "
        "meldet sich jetzt nur mit dem Passwort an und kann sie neu einrichten.",
    )
