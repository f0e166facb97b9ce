"""Automatic invitations: one e-mail per person, on commit, only with online_access."""

from kanzlei.akte.accounts import invitations
from kanzlei.akte.language.recipients import format_date
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_contact
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlparse
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import re
import transaction


@pytest.fixture
def mailhost(functional, smtp_sink):
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    return smtp_sink


def create_mandant(portal, online_access=True, email="erika@example.org", **kw):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=portal["mandanten"],
            type="Mandant",
            title=kw.get("title", "Erika Mustermann"),
            client_number=kw.get("client_number", "M-100"),
            email=email,
            online_access=online_access,
            street="Hauptstraße 1",
            zip_code="10115",
            city="Berlin",
        )


def no_more_mail(sink, count):
    return len(sink.wait_for(count + 1, timeout=1.5)) == count


def test_new_client_with_online_access_gets_one_invitation_mail(functional, mailhost):
    portal = functional["portal"]
    mandant = create_mandant(portal)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=mandant,
            type="Mandat",
            title="Mietsache Geheim",
            file_number="9/26",
        )
    notify(ObjectModifiedEvent(mandant))  # as forms do after adding
    assert mailhost.messages == []  # nothing before the commit
    transaction.commit()
    (rcpts, message), *rest = mailhost.wait_for(1)
    assert rest == []
    assert rcpts == ["erika@example.org"]
    assert "Einladung zur Online-Akte" in message["Subject"]
    assert "KLX Rechtsanwälte" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "KLX Rechtsanwälte" in body
    assert "gültig bis zum" in body
    url = re.search(r"(http\S+@@registrierung\?token=\S+)", body).group(1)
    token = parse_qs(urlparse(url).query)["token"][0]
    invitation = invitations.find_by_token(token)
    assert invitation is not None and invitation.mandant_uid == mandant.UID()
    assert format_date(invitation.expires, "de") in body  # "4. Dezember 2026"
    # no activation code, no case details, no client data in the mail
    assert not re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}\b", body)
    for secret in ("Mietsache", "9/26", "Erika", "Mustermann", "Hauptstraße"):
        assert secret not in body
    # a later edit sends no second invitation
    mandant.phone = "030 1234"
    notify(ObjectModifiedEvent(mandant))
    transaction.commit()
    assert no_more_mail(mailhost, 1)


def test_no_online_access_no_invitation_until_ticked(functional, mailhost):
    portal = functional["portal"]
    mandant = create_mandant(portal, online_access=False)
    transaction.commit()
    assert no_more_mail(mailhost, 0)
    assert invitations.current_invitation(mandant) is None
    mandant.online_access = True
    notify(ObjectModifiedEvent(mandant))
    transaction.commit()
    assert len(mailhost.wait_for(1)) == 1
    assert invitations.current_invitation(mandant).is_open()


def test_without_email_or_with_registered_user_no_invitation(functional, mailhost):
    portal = functional["portal"]
    no_mail = create_mandant(portal, email=None, client_number="M-1")
    linked, _ = make_client(portal, "Bert B", "B-1", "1/27", userid="bertb")
    transaction.commit()
    assert no_more_mail(mailhost, 0)
    assert invitations.current_invitation(no_mail) is None
    assert invitations.current_invitation(linked) is None


def test_aborted_transaction_sends_nothing(functional, mailhost):
    create_mandant(functional["portal"])
    transaction.abort()
    assert no_more_mail(mailhost, 0)
    assert invitations.get_store(create=False) is None or not list(
        invitations.get_store().by_token.keys()
    )


def test_kontaktperson_gets_its_own_invitation(functional, mailhost):
    portal = functional["portal"]
    mandant = create_mandant(portal, email=None, title="Firma GmbH")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        kontakt = make_contact(mandant, "Petra Prokura", "petra@firma.de")
    transaction.commit()
    (rcpts, _message), *rest = mailhost.wait_for(1)
    assert rcpts == ["petra@firma.de"] and rest == []
    invitation = invitations.current_invitation(kontakt)
    assert invitation.kontakt_uid == kontakt.UID()
    assert invitation.email == "petra@firma.de"


def test_without_mailhost_the_save_still_works(functional):
    mandant = create_mandant(functional["portal"])
    transaction.commit()
    invitation = invitations.current_invitation(mandant)
    assert invitation is not None and invitation.mail_failed
