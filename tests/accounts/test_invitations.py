"""Invitations: storage, states, renew, new code, revoke, lock, expiry."""

from .conftest import invited_client
from datetime import datetime
from datetime import timedelta
from kanzlei.akte import settings
from kanzlei.akte.accounts import codes
from kanzlei.akte.accounts import invitations
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_contact
from plone import api


def test_invitation_is_found_by_token_and_stores_no_clear_secrets(portal):
    client = invited_client(portal)
    invitation = client.invitation
    assert invitations.find_by_token(client.token) is invitation
    assert invitations.current_invitation(client.mandant) is invitation
    assert invitation.state() == invitations.OPEN
    assert invitation.email == "erika@example.org"
    store = invitations.get_store()
    assert client.token not in store.by_token
    stored = repr(vars(invitation))
    assert client.token not in stored
    assert codes.normalize_code(client.code) not in stored
    assert invitations.find_by_token("no-such-token") is None
    assert invitations.find_by_token("") is None


def test_validity_comes_from_settings(portal):
    settings.set("invitation_valid_days", 7)
    client = invited_client(portal)
    delta = client.invitation.expires - client.invitation.created
    assert delta == timedelta(days=7)
    client.invitation.expires = datetime.now() - timedelta(seconds=1)
    assert client.invitation.state() == invitations.EXPIRED


def test_five_wrong_codes_lock_the_invitation(portal):
    client = invited_client(portal)
    invitation = client.invitation
    for _ in range(4):
        assert not invitation.check_code("AAAA-BBBB-CC")
    assert invitation.state() == invitations.OPEN
    assert not invitation.check_code("AAAA-BBBB-CC")
    assert invitation.state() == invitations.LOCKED
    assert invitation.failed_attempts == 5


def test_new_code_voids_old_code_keeps_token_and_unlocks(portal):
    client = invited_client(portal)
    invitation = client.invitation
    invitation.failed_attempts = 5
    code = invitations.new_code(invitation)
    assert code != client.code
    assert invitation.state() == invitations.OPEN
    assert invitations.find_by_token(client.token) is invitation
    assert not invitation.check_code(client.code)
    assert invitation.check_code(code)


def test_renew_voids_old_link_and_code(portal):
    client = invited_client(portal)
    with api.env.adopt_roles(["Manager"]):
        new, token, code = invitations.create_invitation(client.mandant)
    assert client.invitation.state() == invitations.REVOKED
    assert invitations.current_invitation(client.mandant) is new
    assert new.state() == invitations.OPEN
    assert token != client.token and code != client.code


def test_revoke_and_use(portal):
    client = invited_client(portal)
    invitations.revoke(client.invitation)
    assert client.invitation.state() == invitations.REVOKED
    other = invited_client(portal, "Max Muster", "M-200", "200/26", "max@example.org")
    invitations.use(other.invitation, "max")
    assert other.invitation.state() == invitations.USED
    invitations.revoke(other.invitation)
    assert other.invitation.state() == invitations.USED


def test_kontaktperson_is_its_own_target(portal):
    mandant, _ = make_client(portal, "Firma GmbH", "F-1", "1/26", email="info@firma.de")
    with api.env.adopt_roles(["Manager"]):
        kontakt = make_contact(mandant, "Petra Prokura", "petra@firma.de")
        inv_m, _, _ = invitations.create_invitation(mandant)
        inv_k, _, _ = invitations.create_invitation(kontakt)
    assert invitations.targets_of(mandant) == [mandant, kontakt]
    assert invitations.current_invitation(mandant) is inv_m
    assert invitations.current_invitation(kontakt) is inv_k
    assert inv_k.target() == kontakt
    assert inv_k.mandant() == mandant
    assert inv_k.email == "petra@firma.de"
    assert inv_m.state() == invitations.OPEN  # one person's invitation leaves others
