"""Registration of the kanzlei.akte PAS plugin classes with Zope."""


def register_plugin_classes(context):
    """Called from kanzlei.akte.initialize(); the onboarding work adds the plugin here."""
