"""Uniqueness of the external keys (client number, Aktenzeichen, external doc id)."""

from kanzlei.akte import _
from plone import api
from plone.app.uuid.utils import uuidToObject
from zope.interface import Invalid


class DuplicateKey(Invalid):
    """A client number or Aktenzeichen that another object already has."""


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
    if not normalize_key(value):
        return
    own_uid = api.content.get_uuid(context) if context is not None else None
    for brain in find_by_key(index, value, portal_type):
        if own_uid != brain.UID:
            raise DuplicateKey(
                message or _duplicate_message(index, normalize_key(value))
            )


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


def _duplicate_message(index, value):
    if index == "client_number":
        return duplicate_client_number(value)
    if index == "file_number":
        return duplicate_file_number(value)
    return _(
        "error_duplicate_key",
        default="Der Wert ${value} ist bereits vergeben.",
        mapping={"value": value},
    )


# The keys that must be unique: portal_type -> catalog index (= attribute name).
UNIQUE_KEYS = {"Mandant": "client_number", "Mandat": "file_number"}


def guard_unique(obj, event):
    """Last line of defence (forms and REST check earlier, with a friendly message):
    refuse to store a second object with the same client number or Aktenzeichen,
    whoever creates it (scripts, copy and paste, imports)."""
    index = UNIQUE_KEYS.get(getattr(obj, "portal_type", None))
    if index is None:
        return
    value = normalize_key(getattr(obj, index, None))
    if not value:
        return
    assert_unique(index, value, obj.portal_type, context=obj)
