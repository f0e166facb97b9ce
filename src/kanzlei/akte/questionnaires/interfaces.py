"""Marker interfaces and the action schema of the questionnaires."""

from collective.easyform.interfaces import IAction
from kanzlei.akte.uploads.interfaces import IGeneratedFile


class IFragebogenAntworten(IGeneratedFile):
    """The readable answers of a questionnaire (an HTML Dokument from the client)."""


class IFragebogenRohdaten(IGeneratedFile):
    """The raw answers of a questionnaire as JSON (an internal Dokument, staff only).

    Notifications ignore it: its readable twin (IFragebogenAntworten) is the one that
    tells the responsible lawyer.
    """


class IFragebogenPdf(IGeneratedFile):
    """The answers as PDF with the firm's letterhead (released to the client).

    Notifications ignore it, like the raw data: the HTML twin tells the lawyer.
    """


class ISaveAsDokument(IAction):
    """easyform action: store the answers in the enclosing Mandat as Dokumente."""
