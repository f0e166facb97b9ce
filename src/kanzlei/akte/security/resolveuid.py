"""``resolveuid/<uid>``: the links of our e-mails, without telling where they lead.

Plone's view redirects every known UID to its path, also for someone who may not see
the object: the ``Location`` header then names the other client's Mandant and mandate.
Here the redirect is only for viewers who may View the object; an anonymous visitor is
asked to log in first (and comes back to the same link), a logged-in viewer who may not
see it gets the same "not found" as for an unknown UID.
"""

from AccessControl import Unauthorized
from kanzlei.akte.security.traversal import hidden
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.outputfilters.browser.resolveuid import ResolveUIDView
from zExceptions import NotFound


class ViewableResolveUIDView(ResolveUIDView):
    def __call__(self):
        obj = uuidToObject(self.uuid, unrestricted=True) if self.uuid else None
        if obj is None or hidden(obj):
            if api.user.is_anonymous():
                raise Unauthorized("Bitte melden Sie sich an.")
            raise NotFound("Der Link ist nicht (mehr) gültig.")
        return super().__call__()
