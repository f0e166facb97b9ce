"""@@akte-zugang: staff see and steer invitations; nobody else gets in."""

from .conftest import authenticator
from .conftest import GOOD_PASSWORD
from .conftest import invited_client
from .conftest import submit
from .conftest import sync
from kanzlei.akte.accounts import invitations
from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import html
import pytest
import re
import requests
import transaction


STAFF = ("anwalt", "Kanzlei-Test-Passwort-2026")
CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"
CODE_RE = re.compile(
    r'id="akte-aktivierungscode"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})'
)


@pytest.fixture
def staff(functional):
    make_staff()
    transaction.commit()
    session = requests.Session()
    session.auth = STAFF
    return session


def panel_url(mandant):
    return mandant.absolute_url() + "/@@akte-zugang"


def post_action(session, mandant, action, target="mandant"):
    page = session.get(panel_url(mandant))
    assert page.status_code == 200
    return session.post(
        panel_url(mandant),
        data={
            "action": action,
            "target": target,
            "_authenticator": authenticator(page.text),
        },
    )


def test_only_staff_reach_the_panel(functional, base_url, staff):
    portal = functional["portal"]
    mandant_a, _ = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    mandant_b, _ = make_client(portal, "Bert B", "B-1", "2/26", userid="clientb")
    transaction.commit()
    url = panel_url(mandant_a)
    anonymous = requests.get(url, allow_redirects=False)
    assert anonymous.status_code in (302, 401, 403)
    assert "Anna" not in anonymous.text
    for userid in ("clienta", "clientb"):
        response = requests.get(
            url, auth=(userid, CLIENT_PASSWORD), allow_redirects=False
        )
        assert response.status_code in (302, 401, 403), userid
        assert "Anna A" not in response.text
    response = staff.get(url)
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "Online-Zugang" in page and "Anna A" in page
    assert "registriert am" in page and "clienta" in page
    assert "Bert B" not in page and "clientb" not in page
    # a registered person is not invited a second time
    assert not re.search(r"Einladung (erneut )?senden\s*</button>", page)


def test_send_shows_letter_with_code_that_works_with_the_mail_link(
    functional, base_url, staff, smtp_sink
):
    portal = functional["portal"]
    configure_mailhost(smtp_sink.port)
    mandant, _ = make_client(
        portal, "Erika Mustermann", "M-1", "1/26", email="e@example.org"
    )
    mandant.street, mandant.zip_code, mandant.city = "Hauptstraße 1", "10115", "Berlin"
    set_demo_branding()  # logo, phone, e-mail for the letterhead
    api.portal.set_registry_record(
        "kanzlei.akte.branding.firm_address", "Markt 1\n20095 Hamburg"
    )
    transaction.commit()
    smtp_sink.wait_for(1)  # the automatic invitation
    before = len(smtp_sink.messages)
    response = post_action(staff, mandant, "send")
    page = html.unescape(response.text)
    code = CODE_RE.search(response.text).group(1)
    for text in (
        "KLX Rechtsanwälte",
        "Markt 1",
        "20095 Hamburg",
        "Erika Mustermann",
        "Hauptstraße 1",
        "10115 Berlin",
        "/@@registrierung",
        "bis zum",
        "KLXRechtsanwälte",
        "Brief drucken",
        "e@example.org",
        "kanzlei@example.org",
    ):
        assert text in page, text
    assert re.search(
        r'<img class="akte-brief-logo"[^>]*src="[^"]*/@@akte-logo\?v=', page
    )
    assert "no-store" in response.headers["Cache-Control"]
    messages = smtp_sink.wait_for(before + 1)
    body = messages[-1][1].get_body(preferencelist=("plain",)).get_content()
    assert code not in body
    token = re.search(r"token=(\S+)", body).group(1)
    sync()
    invitation = invitations.find_by_token(token)
    assert invitation.is_open()
    # the code is nowhere stored in clear
    assert code.replace("-", "") not in repr(vars(invitation))
    # the panel shows the invitation, but never the code
    panel = html.unescape(staff.get(panel_url(mandant)).text)
    assert "eingeladen" in panel and code not in panel
    _, done = submit(base_url, token, code, "erika.m", GOOD_PASSWORD)
    assert done.status_code == 302
    panel = html.unescape(staff.get(panel_url(mandant)).text)
    assert "registriert am" in panel and "erika.m" in panel


def test_new_code_voids_old_one_and_unlocks(functional, base_url, staff):
    client = invited_client(functional["portal"])
    transaction.commit()
    for i in range(5):
        submit(base_url, client.token, f"AAAA-BBBB-C{i}", "erika", "x")
    panel = html.unescape(staff.get(panel_url(client.mandant)).text)
    assert "gesperrt (Aktivierungscode zu oft falsch eingegeben)" in panel
    assert "5-mal falsch eingegeben" in panel
    response = post_action(staff, client.mandant, "code")
    new_code = CODE_RE.search(response.text).group(1)
    assert new_code != client.code
    _, old = submit(base_url, client.token, client.code, "erika", GOOD_PASSWORD)
    assert "Der Aktivierungscode ist nicht richtig" in html.unescape(old.text)
    _, ok = submit(base_url, client.token, new_code, "erika", GOOD_PASSWORD)
    assert ok.status_code == 302


def test_revoke_makes_the_link_useless(functional, base_url, staff):
    client = invited_client(functional["portal"])
    transaction.commit()
    response = post_action(staff, client.mandant, "revoke")
    assert response.status_code == 200
    assert "Einladung widerrufen" in html.unescape(response.text)
    _, refused = submit(base_url, client.token, client.code, "erika", GOOD_PASSWORD)
    assert "nicht mehr gültig" in html.unescape(refused.text)
    sync()
    assert api.user.get(username="erika") is None


def test_send_refused_without_online_access(functional, staff):
    mandant, _ = make_client(
        functional["portal"], "Olga O", "O-1", "1/26", online_access=False
    )
    transaction.commit()
    page = html.unescape(staff.get(panel_url(mandant)).text)
    assert "nicht angekreuzt" in page
    assert "Einladung senden" not in page
    response = post_action(staff, mandant, "send")
    assert "nicht angekreuzt" in html.unescape(response.text)
    sync()
    assert invitations.current_invitation(mandant) is None


def test_actions_need_the_csrf_token(functional, staff):
    client = invited_client(functional["portal"])
    transaction.commit()
    response = staff.post(
        panel_url(client.mandant), data={"action": "revoke", "target": "mandant"}
    )
    assert response.status_code == 403
    sync()
    assert client.invitation.is_open()


def test_panel_is_embedded_in_the_mandant_staff_page(functional, staff):
    client = invited_client(functional["portal"])
    transaction.commit()
    response = staff.get(client.mandant.absolute_url())
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert page.count("<html") == 1  # only the panel, not a page in the page
    assert 'class="akte-zugang-panel"' in page
    assert "Einladung widerrufen" in page and "eingeladen" in page
    token = authenticator(response.text)
    done = staff.post(
        panel_url(client.mandant),
        data={
            "action": "revoke",
            "target": "mandant",
            "came_from": "mandant",
            "_authenticator": token,
        },
        allow_redirects=False,
    )
    assert done.status_code == 302
    assert done.headers["Location"] == client.mandant.absolute_url()
    sync()
    assert client.invitation.state() == invitations.REVOKED
