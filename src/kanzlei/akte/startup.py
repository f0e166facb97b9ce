"""Zope 2 initialization of the package (``five:registerPackage`` in configure.zcml)."""

from kanzlei.akte.errors import converters
from kanzlei.akte.pas import install as pas_install


def initialize(context):
    """Our PAS plugin classes and {ARGON2}; Zope's form converters that refuse bad
    values with 400."""
    pas_install.register_plugin_classes(context)
    converters.install()
