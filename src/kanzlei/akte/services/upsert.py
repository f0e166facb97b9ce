"""Create-or-update by an external key, writing only what differs."""

from kanzlei.akte import _
from kanzlei.akte.content.naming import opaque_id
from kanzlei.akte.services.errors import ValidationError
from kanzlei.akte.services.fields import changed_values
from kanzlei.akte.services.fields import convert
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFieldsInOrder


OPAQUE_PREFIXES = {"Mandant": "mandant", "Mandat": "akte"}


def missing_required(schema, names, values):
    fields = dict(getFieldsInOrder(schema))
    return [
        name
        for name in names
        if fields[name].required
        and fields[name].default is None
        and getattr(fields[name], "defaultFactory", None) is None
        and values.get(name) in (None, "", fields[name].missing_value)
    ]


def upsert(
    existing, container, portal_type, schema, names, data, request, create_values
):
    """Returns (obj, created, changed field names)."""
    if existing is None:
        values = convert(schema, names, data, container, request)
        missing = missing_required(schema, names, values)
        if missing:
            raise ValidationError(
                _(
                    "api_error_required",
                    default="Pflichtfeld fehlt: ${field}",
                    mapping={"field": ", ".join(missing)},
                ),
                errors=[
                    (name, _("api_error_required_field", default="Pflichtfeld"))
                    for name in missing
                ],
            )
        values.update(create_values)
        prefix = OPAQUE_PREFIXES.get(portal_type)
        if prefix:
            # never an id made from a name, subject or Aktenzeichen (URLs go into mails)
            values["id"] = opaque_id(prefix)
        obj = api.content.create(container=container, type=portal_type, **values)
        values.pop("id", None)
        return obj, True, set(values)
    values = convert(schema, names, data, existing, request)
    changed = changed_values(existing, values)
    if changed:
        for name, value in changed.items():
            setattr(existing, name, value)
        notify(ObjectModifiedEvent(existing, Attributes(schema, *changed)))
        existing.reindexObject()
    return existing, False, set(changed)
