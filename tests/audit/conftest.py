"""Fixtures of the audit log tests: the store of this run, emptied per test."""

from kanzlei.akte.audit.store import get_store

import pytest


@pytest.fixture
def audit_store():
    """The audit log's store (``AKTE_AUDIT_DSN`` of the test run), empty."""
    store = get_store()
    store.delete_before("2999-01-01T00:00:00Z")
    return store
