"""Control panel "Online-Akte" for the firm admin."""

from kanzlei.akte import _
from kanzlei.akte.controlpanels.settings import IAkteSettings
from kanzlei.akte.controlpanels.settings import REGISTRY_PREFIX
from kanzlei.akte.mail.recipients import inbox_warning
from kanzlei.akte.uploads.scan import missing_scanner_warning
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class AkteSettingsForm(RegistryEditForm):
    schema = IAkteSettings
    schema_prefix = REGISTRY_PREFIX
    label = _("controlpanel_title", default="Online-Akte")
    description = _(
        "controlpanel_description",
        default="Einstellungen der Kanzlei für die Online-Akte",
    )

    def update(self):
        super().update()
        if self.request.method != "GET":
            return
        for warning in (inbox_warning(), missing_scanner_warning()):
            if warning is not None:
                api.portal.show_message(warning, self.request, type="warning")


class AkteControlPanel(ControlPanelFormWrapper):
    form = AkteSettingsForm
