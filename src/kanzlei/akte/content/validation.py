"""Uniqueness of the external keys (client number, Aktenzeichen, external document id)."""

from kanzlei.akte import _
from plone import api
from plone.app.uuid.utils import uuidToObject
from zope.interface import Invalid


def normalize_key(value):
    return (value or "").strip()


def find_by_key(index, value, portal_type):
    """All brains with this key, whatever the current user may see."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        {index: normalize_key(value), "portal_type": portal_type}
    )


def assert_unique(index, value, portal_type, context=None, message=None):
    """Raise Invalid when another object of portal_type already has this key."""
    own_uid = api.content.get_uuid(context) if context is not None else None
    for brain in find_by_key(index, value, portal_type):
        if brain.UID != own_uid:
            raise Invalid(message)


def duplicate_client_number(value):
    return _(
        "error_duplicate_client_number",
        default="Die Mandantennummer ${number} ist bereits vergeben.",
        mapping={"number": value},
    )


def duplicate_file_number(value):
    return _(
        "error_duplicate_file_number",
        default="Das Aktenzeichen ${number} ist bereits vergeben.",
        mapping={"number": value},
    )


def object_for_key(index, value, portal_type):
    brains = find_by_key(index, value, portal_type)
    return uuidToObject(brains[0].UID, unrestricted=True) if brains else None
