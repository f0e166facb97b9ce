"""Closing a mandate, end of the client's read access, the archive job."""

from datetime import date
from datetime import timedelta
from kanzlei.akte.maintenance import archive_expired_mandates
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from tests.permissions.conftest import acting_as

import pytest


@pytest.fixture
def closed(portal):
    api.portal.set_registry_record("kanzlei.akte.closed_mandate_access_days", 30)
    mandant, mandat = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    doc = add_document(mandat, title="Urteil")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=mandat, transition="abschliessen")
    return mandat, doc


def client_sees(obj):
    with acting_as("clienta"):
        return bool(api.user.has_permission("View", obj=obj))


def client_finds(obj):
    with acting_as("clienta"):
        return bool(api.content.find(UID=api.content.get_uuid(obj)))


def test_closing_sets_the_date_and_keeps_read_access(closed):
    mandat, doc = closed
    assert mandat.closed == date.today()
    assert client_sees(mandat) and client_sees(doc) and client_finds(doc)
    with acting_as("clienta"):
        assert not api.user.has_permission("kanzlei.akte: Add Dokument", obj=mandat)
        assert not api.user.has_permission("kanzlei.akte: Add Nachricht", obj=mandat)


def test_access_ends_at_once_when_the_time_is_up(closed):
    mandat, doc = closed
    mandat.closed = date.today() - timedelta(days=31)
    # the job has not run yet: the state is still "abgeschlossen" ...
    assert api.content.get_state(mandat) == "abgeschlossen"
    # ... but the client can no longer open the mandate or its documents
    assert not client_sees(mandat)
    assert not client_sees(doc)


def test_job_archives_only_expired_mandates(closed, portal):
    mandat, doc = closed
    assert archive_expired_mandates(portal) == []
    assert api.content.get_state(mandat) == "abgeschlossen"
    later = date.today() + timedelta(days=31)
    assert archive_expired_mandates(portal, today=later) == [
        "/".join(mandat.getPhysicalPath())
    ]
    assert api.content.get_state(mandat) == "archiviert"
    assert not client_sees(doc)
    assert not client_finds(doc)
    assert not client_finds(mandat)
    # staff still have everything
    with api.env.adopt_roles(["Kanzlei"]):
        assert api.user.has_permission("View", obj=doc)


def test_reopening_restores_access(closed, portal):
    mandat, doc = closed
    archive_expired_mandates(portal, today=date.today() + timedelta(days=31))
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=mandat, transition="wiedereroeffnen")
    assert mandat.closed is None
    assert client_sees(doc) and client_finds(doc)
    with acting_as("clienta"):
        assert api.user.has_permission("kanzlei.akte: Add Dokument", obj=mandat)


def test_open_mandates_are_never_archived(portal):
    make_client(portal, "Bert B", "B-1", "2/26")
    assert (
        archive_expired_mandates(portal, today=date.today() + timedelta(days=9999))
        == []
    )


def test_closed_without_date_counts_from_the_transition(closed, portal):
    mandat, doc = closed
    mandat.closed = None  # cleared by hand: the closing day is still known
    assert client_sees(doc)
    later = date.today() + timedelta(days=31)
    assert archive_expired_mandates(portal, today=later) == [
        "/".join(mandat.getPhysicalPath())
    ]
