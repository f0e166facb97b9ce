"""Turn JSON values into field values (plone.restapi's field deserializers) and
apply only what differs, so the same data twice changes nothing."""

from kanzlei.akte import _
from kanzlei.akte.services.errors import ValidationError
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import queryMultiAdapter
from zope.interface import Invalid
from zope.schema import getFieldsInOrder


def convert(schema, names, data, context, request):
    """{name: value} for the names present in data; 400 naming every bad field."""
    fields = dict(getFieldsInOrder(schema))
    values = {}
    errors = []
    unknown = sorted(set(data) - set(names))
    for name in unknown:
        errors.append((name, _("api_error_unknown_field", default="Unbekanntes Feld")))
    for name in names:
        if name not in data:
            continue
        field = fields[name].bind(context)
        value = data[name]
        if value in (None, "") and not field.required:
            values[name] = field.missing_value
            continue
        deserializer = queryMultiAdapter((field, context, request), IFieldDeserializer)
        try:
            values[name] = deserializer(value)
        except (ValueError, Invalid, TypeError, KeyError) as exc:
            detail = exc.doc() if hasattr(exc, "doc") else str(exc)
            errors.append(
                (
                    name,
                    _(
                        "api_error_invalid_value",
                        default="Ungültiger Wert: ${detail}",
                        mapping={"detail": detail},
                    ),
                )
            )
    if errors:
        raise ValidationError(
            _(
                "api_error_validation",
                default="Die Angaben sind unvollständig oder ungültig: ${fields}",
                mapping={"fields": ", ".join(name for name, _msg in errors)},
            ),
            errors=errors,
        )
    return values


def changed_values(obj, values):
    """The subset of values that differ from what obj holds."""
    return {
        name: value
        for name, value in values.items()
        if getattr(obj, name, None) != value
    }
