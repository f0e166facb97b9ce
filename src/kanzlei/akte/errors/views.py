"""The error views of the Online-Akte (Classic UI and REST API).

- Client and integrator errors are 4xx (``classify``), server errors 500 with a
  reference number; every message is German (the site language), never a traceback
  unless the viewer is a Manager.
- The API answers JSON ``{"type", "message"}`` (plone.rest's error view, German).
- The Classic UI answers a German page; callers that do not accept HTML get the same
  JSON as the API.
- Logged: method, path, status, exception type and the reference; never the request
  body or the query string (passwords, tokens, personal data).
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from kanzlei.akte import logger
from kanzlei.akte.errors.classify import classify
from kanzlei.akte.errors.interfaces import IAkteAPIRequest
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from kanzlei.akte.pas import compat
from kanzlei.akte.security.traversal import visible_context
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.CMFPlone import browser as plone_browser
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.interface import alsoProvides

import json
import os
import sys
import traceback


def is_manager():
    site = getSite()
    return site is not None and bool(
        getSecurityManager().checkPermission("Manage portal", site)
    )


def language(request):
    """None inside the site (Plone negotiates: site language first); before
    traversal (no site yet) German unless the caller asks for English."""
    if getSite() is not None:
        return None
    accept = (request.getHeader("Accept-Language") or "").strip().lower()
    return "en" if accept.startswith("en") else "de"


# Statuses whose own text helps the caller fix the request (never 401/403/404: their
# texts may name objects the caller may not see).
DETAILED = frozenset({400, 405, 409, 413, 415, 422})


def describe(exception, request):
    """(status, body dict) of an exception for this request; logs it."""
    status, kind, message, reference = classify(exception)
    body = {
        "type": kind,
        "message": translate(
            message, context=request, target_language=language(request)
        ),
    }
    detail = str(exception or "")[:2000]
    if status in DETAILED and detail and not getattr(exception, "msgid", None):
        # e.g. plone.restapi's list of the fields that are missing or invalid
        body["detail"] = detail
    if reference:
        body["reference"] = reference
        logger.error(
            "Fehler %s bei %s %s: %s",
            reference,
            request.get("REQUEST_METHOD"),
            request.get("PATH_INFO"),
            type(exception).__name__,
            exc_info=sys.exc_info()[1] is exception,
        )
    elif status >= 400:
        logger.info(
            "%s %s: %s %s",
            request.get("REQUEST_METHOD"),
            request.get("PATH_INFO"),
            status,
            type(exception).__name__,
        )
    return status, body


def traceback_lines(exception):
    if sys.exc_info()[1] is not exception:
        return []
    return "".join(traceback.format_exception(*sys.exc_info())).splitlines()


class APIErrorView(ErrorHandling):
    """plone.rest's JSON errors, German, 4xx for bad input, traceback for Managers."""

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result is None:  # plone.rest performed a redirect (moved content)
            return None
        status, body = describe(exception, self.request)
        if "context" in result:
            body["context"] = result["context"]
        if is_manager():
            body["detail"] = str(exception)
            body["traceback"] = result.get("traceback") or traceback_lines(exception)
        self.status = status
        return body

    def __call__(self):
        data = self.render_exception(self.context)
        response = self.request.response
        if data is None:
            return
        response.setHeader("Content-Type", "application/json")
        response.setStatus(self.status, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        compat.mark_challenged(response)  # as plone.rest: no login redirect
        return


class ErrorView(ExceptionView):
    """Plone's error page for the Online-Akte: German, right status, no traceback."""

    page = ViewPageTemplateFile("templates/error.pt")
    # Plone's "page not found" (its ZCML gives ExceptionView this template)
    index = ViewPageTemplateFile(
        "templates/error_message.pt", _prefix=os.path.dirname(plone_browser.__file__)
    )

    def __call__(self):
        exception = self.context
        # The page shows its context's title and breadcrumbs: never of an object the
        # viewer may not see (``<other client's mandate>/not-there``).
        self.__parent__ = visible_context(self.__parent__)
        if type(exception).__name__ == "NotFound":
            return super().__call__()  # Plone's German "page not found" (+ redirects)
        status, body = describe(exception, self.request)
        self.context = self.__parent__
        response = self.request.response
        # locked: plone.transformchain sets the status from the exception class
        # again when the request fails (ValueError would be 500 once more); not for
        # Unauthorized: PAS's challenge (the login redirect) comes after this view
        response.setStatus(status, lock=not isinstance(exception, Unauthorized))
        accept = self.request.getHeader("Accept") or ""
        if "json" in accept and "text/html" not in accept:
            response.setHeader("Content-Type", "application/json")
            return json.dumps(body)
        self.request.set("disable_border", True)
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        self.body = body
        self.details = "\n".join(traceback_lines(exception)) if is_manager() else ""
        try:
            return self.page()
        except Exception:  # the page itself failed (broken main template, …)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return body["message"]


def mark_api_request(site, event):
    """After plone.browserlayer set our layer (site traversal): mark API requests."""
    request = event.request
    if IAPIRequest.providedBy(request) and IKanzleiAkteLayer.providedBy(request):
        alsoProvides(request, IAkteAPIRequest)
