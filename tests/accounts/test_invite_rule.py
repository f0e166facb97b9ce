"""One rule "may this person be invited?": the staff panel refuses what the REST
API refuses, with the same message; the automatic invitation waits for the letter."""

from .conftest import authenticator
from .conftest import sync
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.invite import ALREADY_REGISTERED
from kanzlei.akte.accounts.invite import MESSAGES
from kanzlei.akte.accounts.invite import NO_ONLINE_ACCESS
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from zope.i18n import translate

import html
import pytest
import requests
import transaction


STAFF = ("anwalt", "Kanzlei-Test-Passwort-2026")
INTEGRATION = ("kanzleisoftware", "Integration-Test-Passwort-2026")


@pytest.fixture
def sessions(functional):
    make_staff()
    api.user.create(
        email="software@example.org",
        username=INTEGRATION[0],
        password=INTEGRATION[1],
        roles=("Integration", "Member"),
    )
    transaction.commit()
    staff = requests.Session()
    staff.auth = STAFF
    integration = requests.Session()
    integration.auth = INTEGRATION
    integration.headers["Accept"] = "application/json"
    return staff, integration


def panel_action(staff, mandant, action):
    url = mandant.absolute_url() + "/@@akte-zugang"
    page = staff.get(url)
    data = {"action": action, "target": "mandant"}
    data["_authenticator"] = authenticator(page.text)
    return staff.post(url, data=data)


def german(kind):
    return translate(MESSAGES[kind], target_language="de")


@pytest.mark.parametrize(
    "kind, number, kwargs",
    [
        (ALREADY_REGISTERED, "R-1", {"userid": "registriert"}),
        (NO_ONLINE_ACCESS, "R-2", {"online_access": False}),
    ],
)
def test_staff_panel_and_rest_refuse_alike(
    functional, base_url, sessions, kind, number, kwargs
):
    staff, integration = sessions
    mandant, _ = make_client(functional["portal"], "Rita R", number, "1/26", **kwargs)
    transaction.commit()
    before = invitations.current_invitation(mandant)

    rest = integration.post(
        f"{base_url}/@akte-einladung", json={"client_number": number}
    )
    assert rest.status_code == 409
    assert rest.json()["message"] == german(kind)

    page = html.unescape(panel_action(staff, mandant, "send").text)
    assert german(kind) in page
    sync()
    assert invitations.current_invitation(mandant) is before


def test_automatic_invitation_waits_for_the_letter(functional, base_url, sessions):
    staff, integration = sessions
    with api.env.adopt_roles(["Manager"]):
        mandant = api.content.create(
            container=functional["portal"]["mandanten"],
            type="Mandant",
            title="Auto Matisch",
            client_number="AU-1",
            email="auto@example.org",
            online_access=True,
        )
    transaction.commit()
    invitation = invitations.current_invitation(mandant)
    assert invitation is not None and invitation.code_pending

    panel = html.unescape(staff.get(mandant.absolute_url() + "/@@akte-zugang").text)
    assert "Brief noch nicht gedruckt" in panel
    state = integration.get(
        f"{base_url}/@akte-einladung", params={"client_number": "AU-1"}
    ).json()
    assert state["invitation"]["code_pending"] is True
    assert "Brief noch nicht gedruckt" in state["invitation"]["hint"]

    # printing the letter makes the code; the hint is gone
    letter = panel_action(staff, mandant, "code")
    assert 'id="akte-aktivierungscode"' in letter.text
    sync()
    assert not invitations.current_invitation(mandant).code_pending
    state = integration.get(
        f"{base_url}/@akte-einladung", params={"client_number": "AU-1"}
    ).json()
    assert state["invitation"]["code_pending"] is False
    assert "hint" not in state["invitation"]
