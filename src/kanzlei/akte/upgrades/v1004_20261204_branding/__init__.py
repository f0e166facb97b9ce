"""Issue 16: the firm's look (registry records ``kanzlei.akte.branding.*`` and the
control panel "Online-Akte: Erscheinungsbild"). Existing values are kept."""

PROFILE = "profile-kanzlei.akte:default"


def upgrade(setup_tool):
    for step in ("plone.app.registry", "controlpanel"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
