"""The portal the RelStorage scale-out test and the TLS test share (starting it is the
expensive part): PostgreSQL, two instances, nginx with deploy/nginx/online-akte.conf."""

from tests.operations.portal import serve

import pytest


@pytest.fixture(scope="session")
def relstorage_portal(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("relstorage"), "relstorage")
