"""kanzlei.akte: the Online-Akte, a client portal for German law firms."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "kanzlei.akte"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
