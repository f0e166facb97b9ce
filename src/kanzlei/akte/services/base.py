"""What every integration endpoint shares: permission, JSON body, errors, lookups."""

from AccessControl import getSecurityManager
from kanzlei.akte import _
from kanzlei.akte.content.validation import find_by_key
from kanzlei.akte.content.validation import normalize_key
from kanzlei.akte.csrf.check import token_authenticated
from kanzlei.akte.pas import compat
from kanzlei.akte.services.errors import APIError
from kanzlei.akte.services.errors import ForbiddenError
from kanzlei.akte.services.errors import NotFoundError
from kanzlei.akte.services.errors import ValidationError
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services import Service
from zExceptions import Unauthorized
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import json
import plone.protect.interfaces
import transaction


USE_API = "kanzlei.akte: Use integration API"


def disable_csrf_for_explicit_credentials(request):
    """A request that carries a bearer token (JWT or API token) cannot be forged by
    another site: no CSRF check. Cookie- and Basic-authenticated calls keep
    plone.protect's check, since browsers resend both on their own (and the central
    same-origin check, ``kanzlei.akte.csrf.check``)."""
    if token_authenticated(request):
        alsoProvides(request, plone.protect.interfaces.IDisableCSRFProtection)


class IntegrationService(Service):
    """Base class: only integrations (and admins) may call; errors become JSON.

    Anonymous requests get 401, authenticated users without the permission 403.
    On any error the transaction is doomed: nothing of the request is written.
    """

    permission = USE_API

    def render(self):
        try:
            self.check_permission()
            result = self.reply()
        except APIError as error:
            transaction.doom()
            self.request.response.setStatus(error.status)
            result = error.render(self.request)
        if result is compat.NO_CONTENT:
            return None
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False)

    def check_permission(self):
        super().check_permission()
        if getSecurityManager().checkPermission(self.permission, self.context):
            disable_csrf_for_explicit_credentials(self.request)
            return
        if api.user.is_anonymous():
            raise Unauthorized("Authentication required")
        raise ForbiddenError(
            _(
                "api_error_forbidden",
                default="Dieser Zugang darf die Schnittstelle nicht verwenden.",
            )
        )

    # --- request helpers -------------------------------------------------------------

    def body(self):
        raw = self.request.get("BODY") or b""
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # also too deeply nested JSON
            raise ValidationError(  # noqa: B904 - the parse error is no detail for users
                _(
                    "api_error_invalid_json",
                    default="Der Inhalt ist kein gültiges JSON.",
                )
            )
        if not isinstance(data, dict):
            raise ValidationError(
                _(
                    "api_error_json_object",
                    default="Erwartet wird ein JSON-Objekt.",
                )
            )
        return data


@implementer(IPublishTraverse)
class TraversingIntegrationService(IntegrationService):
    """An integration service with path parameters: ``/@endpoint/<key>``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


def required(data, name):
    value = data.get(name)
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        raise ValidationError(
            _(
                "api_error_required",
                default="Pflichtfeld fehlt: ${field}",
                mapping={"field": name},
            ),
            errors=[(name, _("api_error_required_field", default="Pflichtfeld"))],
        )
    return normalize_key(str(value))


def lookup(index, value, portal_type):
    """The object with this external key, or None (unrestricted lookup, then a
    permission check: integrations see all client files, nobody else calls this)."""
    brains = find_by_key(index, value, portal_type)
    if not brains:
        return None
    obj = uuidToObject(brains[0].UID, unrestricted=True)
    if obj is None:
        return None
    if not getSecurityManager().checkPermission("View", obj):
        return None
    return obj


def get_mandant(client_number):
    obj = lookup("client_number", client_number, "Mandant")
    if obj is None:
        raise NotFoundError(
            _(
                "api_error_no_client",
                default="Kein Mandant mit der Mandantennummer ${number}.",
                mapping={"number": client_number},
            )
        )
    return obj


def get_mandat(file_number):
    obj = lookup("file_number", file_number, "Mandat")
    if obj is None:
        raise NotFoundError(
            _(
                "api_error_no_mandate",
                default="Kein Mandat mit dem Aktenzeichen ${number}.",
                mapping={"number": file_number},
            )
        )
    return obj


def isodate(value):
    if value is None:
        return None
    if hasattr(value, "ISO8601"):
        return value.ISO8601()
    return value.isoformat()


MAX_BATCH = 500


def batch(data, handle):
    """``{"items": [...]}`` runs handle for each item (all or nothing), else one item.

    Returns (results, is_batch).
    """
    if "items" not in data:
        return [handle(data)], False
    items = data["items"]
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError(
            _(
                "api_error_items",
                default="items muss eine Liste von JSON-Objekten sein.",
            ),
            errors=[
                ("items", _("api_error_items_field", default="Liste von Objekten"))
            ],
        )
    if len(items) > MAX_BATCH:
        raise ValidationError(
            _(
                "api_error_batch_size",
                default="Höchstens ${max} Einträge je Anfrage.",
                mapping={"max": MAX_BATCH},
            ),
            errors=[
                ("items", _("api_error_items_field", default="Liste von Objekten"))
            ],
        )
    results = []
    for index, item in enumerate(items):
        try:
            results.append(handle(item))
        except APIError as error:
            error.extra["index"] = index
            raise
    return results, True


def batch_reply(service, results, is_batch):
    if is_batch:
        service.request.response.setStatus(200)
        return {
            "items": results,
            "created": sum(1 for r in results if r["created"]),
            "updated": sum(1 for r in results if not r["created"] and r["changed"]),
            "unchanged": sum(
                1 for r in results if not r["created"] and not r["changed"]
            ),
        }
    result = results[0]
    service.request.response.setStatus(201 if result["created"] else 200)
    return result
