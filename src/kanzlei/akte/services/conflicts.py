"""Standard REST POST/PATCH of a duplicate client number or Aktenzeichen: 409, JSON.

content/validation.py refuses the duplicate (``DuplicateKey``) whoever stores it; for
REST requests this view renders that refusal as a conflict instead of a server error.
"""

from kanzlei.akte.pas import compat
from plone.rest.errors import ErrorHandling
from zope.i18n import translate

import json


class DuplicateKeyErrorView(ErrorHandling):
    def __call__(self):
        exception = self.context
        message = exception.args[0] if exception.args else ""
        result = {
            "type": "Conflict",
            "message": translate(message, context=self.request),
        }
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(409, lock=1)
        response.setBody(json.dumps(result, ensure_ascii=False), lock=1)
        compat.mark_challenged(response)
