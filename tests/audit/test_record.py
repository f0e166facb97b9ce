"""``record``: an entry exists exactly when the action it describes was committed."""

from kanzlei.akte.audit.record import record
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api

import transaction


def test_entry_written_on_commit_with_where_and_who(functional, audit_store):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Erika Muster", "4711", "101/26")
    doc = add_document(mandat, title="Klageschrift")
    transaction.commit()
    with api.env.adopt_user(username="admin"):
        record("document_downloaded", doc, detail={"filename": "a.pdf"})
        assert audit_store.query(uid=doc.UID()) == []  # not before the commit
        transaction.commit()
    (entry,) = audit_store.query(uid=doc.UID())
    assert entry.kind == "document_downloaded"
    assert entry.userid == "admin"
    assert entry.role == "staff"
    assert entry.result == "ok"
    assert entry.path == f"/mandanten/{mandant.getId()}/{mandat.getId()}/{doc.getId()}"
    assert entry.title == "Klageschrift"
    assert entry.mandant == mandant.UID()
    assert entry.mandat == mandat.UID()
    assert entry.client_number == "4711"
    assert entry.detail == {"filename": "a.pdf"}
    assert entry.at.endswith("Z")
    assert [e.id for e in audit_store.query(mandat=mandat.UID())] == [entry.id]
    assert [e.id for e in audit_store.query(client_number="4711")] == [entry.id]


def test_aborted_transaction_writes_nothing(functional, audit_store):
    portal = functional["portal"]
    _mandant, mandat = make_client(portal, "Erika Muster", "4712", "102/26")
    transaction.commit()
    record("mandate_viewed", mandat)
    transaction.abort()
    transaction.commit()
    assert audit_store.query(mandat=mandat.UID()) == []


def test_savepoint_rollback_drops_the_rows_after_it(functional, audit_store):
    portal = functional["portal"]
    _mandant, mandat = make_client(portal, "Erika Muster", "4713", "103/26")
    transaction.commit()
    record("mandate_viewed", mandat)
    savepoint = transaction.savepoint()
    record("uploaded", mandat)
    savepoint.rollback()
    transaction.commit()
    assert [e.kind for e in audit_store.query(mandat=mandat.UID())] == [
        "mandate_viewed"
    ]


def test_refusal_written_at_once_even_if_the_request_aborts(functional, audit_store):
    record("login_failed", None, result="refused", userid="nobody", now=True)
    transaction.abort()
    (entry,) = audit_store.query(userid="nobody")
    assert entry.result == "refused"
    assert entry.role == "anonymous"


def test_secrets_never_reach_the_table(functional, audit_store):
    record(
        "login_failed",
        None,
        result="refused",
        userid="x",
        detail={"password": "geheim", "token": "t", "code": "123456", "why": "lock"},
        now=True,
    )
    (entry,) = audit_store.query(userid="x")
    assert entry.detail == {"why": "lock"}


def test_query_filters_kinds_and_time(functional, audit_store):
    for kind in ("login", "logout", "login"):
        record(kind, None, userid="u1", role="client", now=True)
    assert len(audit_store.query(userid="u1", kinds={"login"})) == 2
    (oldest,) = audit_store.query(userid="u1", oldest_first=True, limit=1)
    newer = audit_store.query(userid="u1", since=oldest.at)
    assert len(newer) == 3
    assert audit_store.query(userid="u1", until=oldest.at) == []
    assert audit_store.delete_before("2999-01-01T00:00:00Z", kinds={"logout"}) == 1
    assert audit_store.count() == 2
