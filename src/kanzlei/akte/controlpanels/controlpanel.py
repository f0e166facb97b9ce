"""Control panel "Online-Akte" for the firm admin."""

from kanzlei.akte import _
from kanzlei.akte.controlpanels.settings import IAkteSettings
from kanzlei.akte.controlpanels.settings import REGISTRY_PREFIX
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


class AkteControlPanel(ControlPanelFormWrapper):
    form = AkteSettingsForm
