"""``++add++Mandant``: staff create a Mandant and its first Mandat in one form.

The fieldset "Erstes Mandat" is optional: left empty, only the Mandant is created.
Both objects are created in the same request, hence the same transaction.
"""

from kanzlei.akte import _
from kanzlei.akte.browser.staff.validators import IErstesMandat
from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.z3cform.fieldsets.group import GroupFactory
from z3c.form import field
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope.interface import Invalid


MANDATE_FIELDS = tuple(IErstesMandat.names())
GROUP_NAME = "erstes_mandat"


class MandantAddForm(DefaultAddForm):
    portal_type = "Mandant"
    first_mandate = None

    def updateFields(self):
        super().updateFields()
        self.groups = list(self.groups) + [
            GroupFactory(
                GROUP_NAME,
                field.Fields(IErstesMandat),
                label=_("staff_fieldset_first_mandate", default="Erstes Mandat"),
                description=_(
                    "staff_fieldset_first_mandate_help",
                    default="Optional: legt zusammen mit dem Mandanten sein erstes "
                    "Mandat an.",
                ),
            )
        ]

    def group(self):
        for group in self.groups:
            if getattr(group, "__name__", None) == GROUP_NAME:
                return group
        return None

    def error(self, group, name, message):
        widget = group.widgets[name]
        snippet = getMultiAdapter(
            (Invalid(message), self.request, widget, widget.field, group, self.context),
            IErrorViewSnippet,
        )
        snippet.update()
        widget.error = snippet
        return snippet

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        values = {name: data.get(name) for name in MANDATE_FIELDS}
        if any(values.values()):
            group = self.group()
            missing = ()
            for name in ("mandat_title", "mandat_file_number"):
                if (
                    not (values.get(name) or "").strip()
                    and not group.widgets[name].error
                ):
                    missing += (
                        self.error(
                            group,
                            name,
                            _(
                                "staff_error_first_mandate_incomplete",
                                default="Für das erste Mandat bitte Gegenstand und "
                                "Aktenzeichen angeben (oder alle Felder leer lassen).",
                            ),
                        ),
                    )
            errors = tuple(errors or ()) + missing
        return data, errors

    def create(self, data):
        self.first_mandate = {name: data.pop(name, None) for name in MANDATE_FIELDS}
        return super().create(data)

    def add(self, object):
        super().add(object)
        mandant = self.container[object.getId()]
        values = self.first_mandate or {}
        if not (values.get("mandat_title") or "").strip():
            return
        mandat = api.content.create(
            container=mandant,
            type="Mandat",
            title=values["mandat_title"].strip(),
            file_number=values["mandat_file_number"].strip(),
            opposing_party=values.get("mandat_opposing_party"),
            responsible_lawyer=values.get("mandat_responsible_lawyer"),
        )
        self.immediate_view = mandant.absolute_url()
        api.portal.show_message(
            _(
                "staff_msg_mandant_with_mandate",
                default="Mandant und Mandat ${file_number} angelegt.",
                mapping={"file_number": mandat.file_number},
            ),
            request=self.request,
        )


class MandantAddView(DefaultAddView):
    form = MandantAddForm
