"""Marker interfaces of the upload rules."""

from zope.interface import Interface


class IGeneratedFile(Interface):
    """A Dokument whose file the portal wrote itself (e.g. questionnaire answers as
    HTML/JSON): its type is the portal's choice, not the uploader's, so the list of
    allowed extensions does not apply. Size and file-name rules still do."""
