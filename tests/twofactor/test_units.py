"""In-process: the upgrade to 1007, the pending token's expiry and generation, the
code checks (drift, replay, recovery codes once)."""

from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.twofactor import pending
from kanzlei.akte.twofactor import store
from kanzlei.akte.twofactor import totp
from kanzlei.akte.upgrades.v1007_20261204_twofactor import upgrade
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pyotp
import time
import transaction


RECORD = "kanzlei.akte.second_factor_staff"


def test_upgrade_1007(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    del registry.records[RECORD]
    portal.portal_actions.user.manage_delObjects(["akte_anmeldung_absichern"])

    upgrade(api.portal.get_tool("portal_setup"))

    assert api.portal.get_registry_record(RECORD) is False
    assert "akte_anmeldung_absichern" in portal.portal_actions.user.objectIds()


def test_pending_token_expires_and_ends_with_the_factor(functional):
    # functional: the store commits in transactions of its own (a fresh database
    # per test); ``transaction.begin()`` lets this test's connection see them
    plugin = get_plugin(functional["portal"])
    secret = totp.new_secret()
    store.enable(plugin, "mueller", secret, totp.new_recovery_codes(), now=1000.0)
    transaction.begin()
    token = pending.issue(plugin, "mueller")
    assert pending.verify(plugin, token) == "mueller"
    assert pending.verify(plugin, token, now=time.time() + pending.LIFETIME + 1) is None
    assert pending.verify(plugin, token + "0") is None
    # a new setup (or a reset) is a new generation: the old token is worthless
    store.enable(plugin, "mueller", secret, totp.new_recovery_codes(), now=2000.0)
    transaction.begin()
    assert pending.verify(plugin, token) is None
    store.remove(plugin, "mueller")
    transaction.begin()
    assert pending.verify(plugin, pending.issue(plugin, "mueller")) is None


def test_codes_drift_replay_and_recovery(functional):
    plugin = get_plugin(functional["portal"])
    secret = totp.new_secret()
    codes = totp.new_recovery_codes()
    store.enable(plugin, "mueller", secret, codes)
    transaction.begin()
    now = time.time()
    app = pyotp.TOTP(secret)
    assert store.check_code(plugin, "mueller", app.at(now - 30), now=now) == "totp"
    # the same step again, or an older one: refused (replay)
    assert store.check_code(plugin, "mueller", app.at(now - 30), now=now) is None
    assert store.check_code(plugin, "mueller", app.at(now - 60), now=now) is None
    assert store.check_code(plugin, "mueller", app.at(now + 90), now=now) is None
    assert store.check_code(plugin, "mueller", app.at(now), now=now) == "totp"
    assert store.check_code(plugin, "mueller", " " + codes[5].upper(), now=now) == (
        "recovery"
    )
    assert store.check_code(plugin, "mueller", codes[5], now=now) is None
    transaction.begin()
    assert store.recovery_left(plugin, "mueller") == 9
    assert store.check_code(plugin, "mueller", "x" * 1000) is None
