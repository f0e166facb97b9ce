"""``record``: the one way to write to the audit log.

An entry of a successful action is written with the request's transaction: a data
manager joins it and INSERTs in the vote, after the ZODB voted, and commits in the
finish, so an entry exists exactly when the action it describes was committed (a
ConflictError retry writes it once, for the try that counted). A refusal (wrong
password, infected file, denied access) aborts the request's transaction: such an
entry is written at once (``now=True``).

Never passed in here: passwords, codes, tokens, file contents. ``detail`` holds short
facts (a file name, a setting's name, an HTTP method); ``FORBIDDEN_DETAIL`` keys are
dropped as a safeguard.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from kanzlei.akte import logger
from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.audit.store import get_store
from kanzlei.akte.audit.store import utcnow
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.pas.clientip import client_ip
from plone import api
from plone.uuid.interfaces import IUUID
from transaction.interfaces import IDataManager
from transaction.interfaces import IDataManagerSavepoint
from zope.globalrequest import getRequest
from zope.interface import implementer

import transaction


USE_API = "kanzlei.akte: Use integration API"
FORBIDDEN_DETAIL = frozenset(
    {"password", "passwort", "code", "otp", "token", "secret", "data", "file"}
)
MAX_DETAIL = 300  # characters of one detail value


def role_of(user):
    """``staff``, ``integration``, ``client`` or ``anonymous``: who acted."""
    if user is None or user.getId() is None:
        return "anonymous"
    portal = api.portal.get()
    if is_staff(portal, user=user):
        return "staff"
    if api.user.has_permission(USE_API, user=user, obj=portal):
        return "integration"
    return "client"


def _where(obj):
    """UID, path below the site, title, Mandant UID, Mandat UID, client number."""
    if obj is None:
        return {}
    obj = aq_inner(obj)
    portal_path = api.portal.get().getPhysicalPath()
    path = obj.getPhysicalPath()[len(portal_path) :]
    found = {
        "uid": IUUID(obj, "") or "",
        "path": "/" + "/".join(path),
        "title": obj.Title() if hasattr(obj, "Title") else "",
    }
    for parent in aq_chain(obj):
        if IMandat.providedBy(parent) and "mandat" not in found:
            found["mandat"] = IUUID(parent, "")
        if IMandant.providedBy(parent):
            found["mandant"] = IUUID(parent, "")
            found["client_number"] = parent.client_number or ""
            break
    return found


def _clean(detail):
    cleaned = {}
    for key, value in (detail or {}).items():
        if key.lower() in FORBIDDEN_DETAIL:
            continue
        if isinstance(value, str) and len(value) > MAX_DETAIL:
            value = value[:MAX_DETAIL] + "…"
        cleaned[key] = value
    return cleaned


def entry(
    kind, obj=None, result="ok", detail=None, userid=None, role=None, request=None
):
    """The row for an action of the current user (or ``userid``) on ``obj``."""
    request = request if request is not None else getRequest()
    if userid is None:
        user = None if api.user.is_anonymous() else api.user.get_current()
        userid = user.getId() if user is not None else ""
    elif role is None:
        user = api.user.get(userid=userid) if userid else None
    if role is None:
        role = role_of(user)
    row = {
        "at": utcnow(),
        "userid": userid or "",
        "role": role,
        "ip": client_ip(request) if request is not None else "",
        "kind": kind,
        "result": result,
        "detail": _clean(detail),
    }
    row.update(_where(obj))
    return row


def record(kind, obj=None, result="ok", detail=None, userid=None, role=None, now=False):
    """Log ``kind`` (``kinds.KINDS``) on ``obj``; with the transaction, or ``now``."""
    row = entry(kind, obj, result, detail, userid=userid, role=role)
    if now:
        write_now([row])
    else:
        _manager().rows.append(row)
    return row


def write_now(rows):
    try:
        get_store().append(rows)
    except Exception:
        # the refused action is refused anyway; the log says what is missing
        logger.exception(
            "Protokoll: %d Einträge nicht geschrieben: %s", len(rows), rows
        )


def _manager():
    txn = transaction.get()
    try:
        return txn.data(AuditDataManager)
    except KeyError:
        manager = AuditDataManager(transaction.manager)
        txn.join(manager)
        txn.set_data(AuditDataManager, manager)
        return manager


def pending():
    """The rows recorded in the current transaction so far."""
    try:
        return list(transaction.get().data(AuditDataManager).rows)
    except KeyError:
        return []


@implementer(IDataManager)
class AuditDataManager:
    """Writes the transaction's rows in its two-phase commit (see module doc)."""

    def __init__(self, transaction_manager):
        self.transaction_manager = transaction_manager
        self.rows = []
        self._connection = None

    def sortKey(self):
        # after the ZODB's data managers: a ZODB conflict in their vote means we never
        # wrote anything
        return "~kanzlei.akte.audit"

    def abort(self, txn):
        self.rows = []

    def tpc_begin(self, txn):
        pass

    def commit(self, txn):
        pass

    def tpc_vote(self, txn):
        if not self.rows:
            return
        store = get_store()
        self._connection = store.begin()
        try:
            store.insert(self._connection, self.rows)
        except Exception:
            store.rollback(self._connection)
            self._connection = None
            raise

    def tpc_finish(self, txn):
        if self._connection is not None:
            try:
                get_store().commit(self._connection)
            except Exception:
                logger.exception("Protokoll: Commit fehlgeschlagen: %s", self.rows)
            self._connection = None
        self.rows = []

    def tpc_abort(self, txn):
        if self._connection is not None:
            get_store().rollback(self._connection)
            self._connection = None
        self.rows = []

    def savepoint(self):
        return Savepoint(self)


@implementer(IDataManagerSavepoint)
class Savepoint:
    def __init__(self, manager):
        self.manager = manager
        self.length = len(manager.rows)

    def rollback(self):
        del self.manager.rows[self.length :]
