"""``@@akte-wartung`` on the site: run the maintenance job by hand.

Manager only (not the firm admin), POST with plone.protect's authenticator; answers
JSON ``{"archived": <count>}``. The notifications' clock runs the same job daily
(mail/tick.py).
"""

from AccessControl import Unauthorized
from kanzlei.akte.maintenance import archive_expired_mandates
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest

import json


class AkteWartung(BrowserView):
    def __call__(self):
        if "Manager" not in api.user.get_roles():
            raise Unauthorized("Manager only")
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        archived = archive_expired_mandates(api.portal.get())
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"archived": len(archived)})
