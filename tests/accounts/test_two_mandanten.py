"""One person who is a contact of two Mandanten gets one login that sees both."""

from .conftest import authenticator
from .conftest import GOOD_PASSWORD
from .conftest import invited_client
from .conftest import submit
from .conftest import sync
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.links import mandanten_for_user
from kanzlei.akte.testing import make_contact
from plone import api

import html
import requests
import transaction


def test_second_invitation_links_the_existing_login(functional, base_url):
    portal = functional["portal"]
    private = invited_client(
        portal, "Petra Privat", "P-1", "10/26", email="petra@example.org"
    )
    transaction.commit()
    session, response = submit(
        base_url, private.token, private.code, "petra", GOOD_PASSWORD
    )
    assert response.status_code == 302

    # Petra is also the managing director of a company client.
    with api.env.adopt_roles(["Manager"]):
        company = api.content.create(
            container=portal["mandanten"],
            type="Mandant",
            title="Firma Privat GmbH",
            client_number="F-1",
            email="info@firma.example.org",
            online_access=True,
        )
        api.content.create(
            container=company,
            type="Mandat",
            title="Lieferstreit Firma",
            file_number="11/26",
        )
        contact = make_contact(company, "Petra Privat", "petra@example.org")
        invitation, token, code = invitations.create_invitation(contact)
    transaction.commit()

    # Opening the link logged in shows only the code field and the link button.
    page = session.get(f"{base_url}/@@registrierung", params={"token": token})
    text = html.unescape(page.text)
    assert "Mit meinem Zugang verbinden" in text
    assert 'name="password"' not in text
    wrong = session.post(
        f"{base_url}/@@registrierung",
        data={
            "token": token,
            "code": "AAAA-AAAA-AA",
            "form.submitted": "1",
            "_authenticator": authenticator(page.text),
        },
        allow_redirects=False,
    )
    assert wrong.status_code == 200
    assert "Aktivierungscode ist nicht richtig" in html.unescape(wrong.text)
    linked = session.post(
        f"{base_url}/@@registrierung",
        data={
            "token": token,
            "code": code,
            "form.submitted": "1",
            "_authenticator": authenticator(page.text),
        },
        allow_redirects=False,
    )
    assert linked.status_code == 302
    assert linked.headers["Location"].endswith("/@@meine-akte")

    overview = session.get(f"{base_url}/@@meine-akte").text
    assert "Lieferstreit Firma" in overview
    assert "Mietsache" in overview  # the private mandate
    sync()
    assert api.user.get(userid="petra") is not None
    assert len(api.user.get_users()) == len({u.getId() for u in api.user.get_users()})
    assert sorted(m.Title() for m in mandanten_for_user("petra")) == [
        "Firma Privat GmbH",
        "Petra Privat",
    ]
    assert invitations.find_by_token(token).state() == invitations.USED


def test_anonymous_visitor_is_offered_to_log_in_and_link(functional, base_url):
    client = invited_client(functional["portal"], number="P-2", file_number="12/26")
    transaction.commit()
    page = requests.get(f"{base_url}/@@registrierung", params={"token": client.token})
    text = html.unescape(page.text)
    assert "Sie haben schon einen Zugang" in text
    assert "came_from=" in text
