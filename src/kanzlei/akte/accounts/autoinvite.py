"""Invite automatically when a client with an e-mail address gets the Online-Akte.

Add and modify events of a Mandant or Kontaktperson (from the staff forms, the combined
add form, the REST API) only note the object; the invitation is made once, just before
the transaction commits, for every noted person who by then

- belongs to a Mandant whose ``online_access`` is ticked,
- has an e-mail address,
- may be invited at all (``invite.invitation_problem``: online access ticked, an
  e-mail address, no registered user), and
- has never had an invitation (open, used, locked, expired or revoked: after that,
  staff decide with the button "Einladung senden").

The automatic invitation has no activation code yet: staff print the letter (which
makes the code) on the access panel, which shows "Brief noch nicht gedruckt" until then.
So a form that fires several events sends one invitation per person, a later edit sends
none, and a transaction that aborts sends nothing.
"""

from kanzlei.akte import logger
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.invite import invitation_problem
from kanzlei.akte.accounts.invite import invite
from plone import api
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import transaction


_PENDING = object()  # key of the noted objects in the transaction's data


def pending_targets():
    txn = transaction.get()
    try:
        return txn.data(_PENDING)
    except KeyError:
        pending = []
        txn.set_data(_PENDING, pending)
        txn.addBeforeCommitHook(invite_pending, (pending, getSite()))
        return pending


def note(obj):
    pending = pending_targets()
    if not any(obj is other for other in pending):
        pending.append(obj)


def on_mandant_changed(mandant, event):
    if getattr(mandant, "online_access", False):
        for target in invitations.targets_of(mandant):
            note(target)


def on_kontaktperson_changed(kontakt, event):
    mandant = kontakt.__parent__
    if mandant is not None and getattr(mandant, "online_access", False):
        note(kontakt)


def should_invite(target):
    if invitations.current_invitation(target) is not None:
        return False
    return invitation_problem(target) is None


def invite_pending(pending, site):
    previous_site = getSite()
    if previous_site is None and site is not None:
        setSite(site)  # e.g. a commit at the end of a script
    try:
        for target in pending:
            invite_automatically(target)
    finally:
        if previous_site is None:
            setSite(previous_site)


def invite_automatically(target):
    """Invite one person; a failure is logged and never stops the commit of the data
    staff entered (staff can still send the invitation with the button)."""
    try:
        if getattr(target, "__parent__", None) is None or not should_invite(target):
            return
        with api.env.adopt_roles(["Manager"]):
            invite(target, with_code=False)
    except ConflictError:
        raise
    except Exception:
        logger.exception("Automatic invitation failed for %r", target)
        return
    logger.info("Invitation created automatically for %s", target.absolute_url())
