"""Control panel "Online-Akte → Erscheinungsbild"."""

from kanzlei.akte import _
from kanzlei.akte.branding.logo import problem
from kanzlei.akte.branding.settings import IBrandingSettings
from kanzlei.akte.branding.settings import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.formwidget.namedfile.widget import NamedImageFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope.interface import Invalid


class BrandingForm(RegistryEditForm):
    schema = IBrandingSettings
    schema_prefix = PREFIX
    label = _("branding_title", default="Online-Akte: Erscheinungsbild")
    description = _(
        "branding_description",
        default="Logo, Kontakt und rechtliche Seiten, wie Mandanten und Besucher sie "
        "sehen. Name, Anschrift und Hausfarbe der Kanzlei stehen in den "
        "Einstellungen „Online-Akte“.",
    )

    def updateFields(self):
        super().updateFields()
        self.fields["logo"].widgetFactory = NamedImageFieldWidget

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        message = problem(data.get("logo"))
        if message is not None:
            widget = self.widgets["logo"]
            snippet = getMultiAdapter(
                (Invalid(message), self.request, widget, widget.field, self, None),
                IErrorViewSnippet,
            )
            snippet.update()
            widget.error = snippet
            errors += (snippet,)
        return data, errors


class BrandingControlPanel(ControlPanelFormWrapper):
    form = BrandingForm
