"""Failed logins with huge or invented names cannot fill the database: every
credential field is bounded before any bookkeeping, unknown names are stored only
as a short hash."""

from .conftest import form_login
from kanzlei.akte.accounts.names import MAX_CREDENTIAL_LENGTH
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.testing import make_client

import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def stored_size(plugin):
    transaction.abort()
    transaction.begin()
    lockouts = plugin.lockouts or {}
    return sum(len(k) + len(v[2]) for k, v in lockouts.items()), dict(lockouts)


def test_huge_login_names_store_almost_nothing(functional, base_url):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    huge = "x" * 1_000_000
    for i in range(3):
        response = requests.post(
            f"{base_url}/@login",
            headers=JSON,
            json={"login": f"{i}{huge}", "password": "falsch"},
        )
        assert response.status_code == 401
    form_login(base_url, "y" * 500_000, "falsch")
    size, lockouts = stored_size(get_plugin(portal))
    assert 0 < len(lockouts) <= 4
    assert all(len(key) == 32 for key in lockouts)
    assert all(label == "" for (_times, _until, label) in lockouts.values())
    assert size < 4 * 40


def test_known_accounts_keep_a_readable_label_for_staff(functional, base_url):
    portal = functional["portal"]
    make_client(portal, "Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    requests.post(
        f"{base_url}/@login", headers=JSON, json={"login": "mueller", "password": "x"}
    )
    _size, lockouts = stored_size(get_plugin(portal))
    assert [v[2] for v in lockouts.values()] == ["mueller"]
    assert len("mueller") < MAX_CREDENTIAL_LENGTH
