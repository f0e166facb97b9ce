"""Control panel "Online-Akte → Erscheinungsbild"."""

from kanzlei.akte import _
from kanzlei.akte.branding import colour
from kanzlei.akte.branding import logo
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
        "branding_description_firm",
        default="Name, Anschrift, Logo, Hausfarbe, Kontakt und rechtliche Seiten der "
        "Kanzlei, wie Mandanten und Besucher sie sehen: auf den Seiten, im Brief mit "
        "Aktivierungscode und in jeder E-Mail.",
    )

    def updateFields(self):
        super().updateFields()
        self.fields["logo"].widgetFactory = NamedImageFieldWidget

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        checks = (
            ("logo", logo.problem(data.get("logo"))),
            ("brand_color", colour.problem(data.get("brand_color"))),
        )
        for name, message in checks:
            if message is not None:
                errors += (self._error(name, message),)
        return data, errors

    def _error(self, name, message):
        widget = self.widgets[name]
        snippet = getMultiAdapter(
            (Invalid(message), self.request, widget, widget.field, self, None),
            IErrorViewSnippet,
        )
        snippet.update()
        widget.error = snippet
        return snippet


class BrandingControlPanel(ControlPanelFormWrapper):
    form = BrandingForm
