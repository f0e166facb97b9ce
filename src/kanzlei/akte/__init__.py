"""kanzlei.akte: the Online-Akte, a client portal for German law firms."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "kanzlei.akte"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def initialize(context):
    """Zope 2 initialization: register our PAS plugin classes."""
    from kanzlei.akte.errors import converters
    from kanzlei.akte.pas import install as pas_install

    pas_install.register_plugin_classes(context)
    converters.install()
