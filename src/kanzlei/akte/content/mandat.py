"""Mandat: one mandate (case file) of a client."""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta
from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.limits import clean_text
from kanzlei.akte.limits import MAX_KEY
from kanzlei.akte.limits import MAX_LINE
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMandat(model.Schema):
    title = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_subject", default="Gegenstand"),
        description=_("help_subject", default="Worum es in dem Mandat geht"),
        required=True,
    )
    file_number = schema.TextLine(
        max_length=MAX_KEY,
        constraint=clean_text,
        title=_("label_file_number", default="Aktenzeichen"),
        description=_("help_file_number", default="z. B. 123/26; eindeutig"),
        required=True,
    )
    opposing_party = schema.TextLine(
        max_length=MAX_LINE,
        constraint=clean_text,
        title=_("label_opposing_party", default="Gegner"),
        required=False,
    )
    responsible_lawyer = schema.Choice(
        title=_("label_responsible_lawyer", default="Sachbearbeiter"),
        vocabulary="kanzlei.akte.staff",
        required=False,
    )
    opened = schema.Date(
        title=_("label_opened", default="Angelegt am"),
        required=False,
        defaultFactory=date.today,
    )
    closed = schema.Date(
        title=_("label_closed", default="Abgeschlossen am"),
        description=_(
            "help_closed",
            default="Wird beim Abschließen gesetzt. Danach bleibt die Akte für "
            "den Mandanten noch die eingestellte Zeit lesbar.",
        ),
        required=False,
    )


WORKFLOW_ID = "akte_mandat_workflow"


@implementer(IMandat)
class Mandat(Container):
    manual_local_roles_block = False

    def workflow_entries(self):
        history = getattr(aq_base(self), "workflow_history", None) or {}
        return history.get(WORKFLOW_ID) or ()

    def workflow_state(self):
        """The workflow state, read without tools or security checks."""
        history = self.workflow_entries()
        return history[-1].get("review_state") if history else "offen"

    def closed_on(self):
        """``closed``, or (if someone cleared it) the day of the last transition."""
        if self.closed:
            return self.closed
        history = self.workflow_entries()
        when = history[-1].get("time") if history else None
        return when.asdatetime().date() if when is not None else date.today()

    def client_access_ended(self, today=None):
        """True once the client may no longer see this mandate: archived, or closed
        longer ago than the firm's ``closed_mandate_access_days``.

        The maintenance job (kanzlei.akte.maintenance) archives such mandates; until
        it has run, this check already ends access (see ``__ac_local_roles_block__``).
        """
        state = self.workflow_state()
        if state == "archiviert":
            return True
        if state != "abgeschlossen":
            return False
        limit = self.closed_on() + timedelta(days=access_days())
        return limit < (today or date.today())

    # The client's ``Mandant`` role is a local role computed on the Mandant and
    # acquired by the Mandat and everything in it. Blocking local-role acquisition
    # ends the client's access to the mandate, its documents and messages at once.
    # Staff hold their roles globally and are not affected.
    @property
    def __ac_local_roles_block__(self):
        return self.manual_local_roles_block or self.client_access_ended()

    @__ac_local_roles_block__.setter
    def __ac_local_roles_block__(self, value):
        # the Sharing tab's "inherit" checkbox
        self.manual_local_roles_block = bool(value)


def access_days():
    try:
        return int(settings.get("closed_mandate_access_days"))
    except Exception:  # no site or registry at hand: deny (access ends with closing)
        return 0


def on_transition(mandat, event):
    """``abschliessen`` records the closing date, ``wiedereroeffnen`` clears it."""
    transition = event.transition and event.transition.id
    if transition == "abschliessen":
        mandat.closed = date.today()
    elif transition == "wiedereroeffnen":
        mandat.closed = None
    # the workflow tool reindexes (metadata and security) after this event
