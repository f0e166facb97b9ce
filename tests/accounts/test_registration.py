"""The registration page @@registrierung over HTTP: every rule and every refusal."""

from .conftest import GOOD_PASSWORD
from .conftest import invited_client
from .conftest import open_form
from .conftest import submit
from .conftest import sync
from datetime import datetime
from datetime import timedelta
from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts.links import mandanten_for_user
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_contact
from plone import api

import html
import requests
import transaction


INVALID = "Dieser Link ist nicht oder nicht mehr gültig"
LOCKED = "Der Aktivierungscode wurde zu oft falsch eingegeben"
THROTTLED = "Es gab zu viele Fehlversuche"
WRONG_CODE = "Der Aktivierungscode ist nicht richtig"
TAKEN = "Dieser Benutzername ist nicht verfügbar"


def text(response):
    return html.unescape(response.text)


def no_user(username):
    sync()
    return api.user.get(username=username) is None


def test_page_has_the_fields_privacy_note_and_strength_hint(erika, base_url):
    _, response = open_form(base_url, erika.token)
    assert response.status_code == 200
    page = text(response)
    for label in (
        "Aktivierungscode",
        "Benutzername",
        "Passwort",
        "Passwort wiederholen",
    ):
        assert f">{label}</label>" in page
    assert "Datenschutz" in page and "Datenschutzrecht" in page
    assert f'value="{erika.token}"' in page
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    script = requests.get(f"{base_url}/++resource++kanzlei-akte-registrierung.js")
    assert script.status_code == 200 and "akte-password-strength" in script.text


def test_without_or_with_unknown_token_nothing_but_a_generic_message(erika, base_url):
    for params in ({}, {"token": "erfunden"}, {"token": erika.token + "x"}):
        response = requests.get(f"{base_url}/@@registrierung", params=params)
        assert response.status_code == 200
        assert INVALID in text(response)
        assert 'name="code"' not in response.text
        assert "Erika" not in response.text


def test_code_without_its_link_does_not_register(erika, base_url):
    other = invited_client(
        api.portal.get(), "Max Muster", "M-200", "200/26", "max@example.org"
    )
    transaction.commit()
    # Erika's link with Max's (valid) code: refused.
    _, response = submit(base_url, erika.token, other.code, "erika", GOOD_PASSWORD)
    assert WRONG_CODE in text(response)
    # Erika's code without any link: refused.
    _, response = submit(base_url, "", erika.code, "erika", GOOD_PASSWORD)
    assert INVALID in text(response)
    assert no_user("erika")
    assert invitations.find_by_token(erika.token).used is None


def test_wrong_code_keeps_username_and_changes_nothing_else(erika, base_url):
    _, response = submit(
        base_url, erika.token, "AAAA-BBBB-CC", "erika.m", GOOD_PASSWORD
    )
    page = text(response)
    assert WRONG_CODE in page
    assert 'value="erika.m"' in page
    assert GOOD_PASSWORD not in page
    assert no_user("erika.m")
    invitation = invitations.find_by_token(erika.token)
    assert invitation.failed_attempts == 1
    assert invitation.used is None


def test_five_wrong_codes_lock_even_the_right_code(erika, base_url):
    for i in range(5):
        _, response = submit(base_url, erika.token, f"AAAA-BBBB-C{i}", "erika", "x")
    assert LOCKED in text(response)
    _, response = submit(base_url, erika.token, erika.code, "erika", GOOD_PASSWORD)
    assert LOCKED in text(response)
    assert no_user("erika")
    assert invitations.find_by_token(erika.token).state() == invitations.LOCKED


def test_twenty_failures_from_one_ip_are_throttled(erika, base_url):
    for i in range(20):
        requests.get(f"{base_url}/@@registrierung", params={"token": f"geraten-{i}"})
    # now even the right link and code are refused from this address
    forged = {"X-Forwarded-For": "203.0.113.77"}
    response = requests.get(
        f"{base_url}/@@registrierung", params={"token": erika.token}, headers=forged
    )
    assert THROTTLED in text(response)
    _, response = submit(base_url, erika.token, erika.code, "erika", GOOD_PASSWORD)
    assert THROTTLED in text(response)
    assert no_user("erika")


def test_username_rules(erika, base_url, functional):
    portal = functional["portal"]
    make_client(
        portal, "Bert B", "B-1", "1/27", userid="BertB", email="bert@example.org"
    )
    transaction.commit()
    cases = {
        "": "Bitte wählen Sie einen Benutzernamen.",
        "erika m": "Der Benutzername darf keine Leerzeichen enthalten.",
        "erika<script>": "Der Benutzername muss 3 bis 64 Zeichen lang sein",
        "äöü-name": "Der Benutzername muss 3 bis 64 Zeichen lang sein",
        "ab": "Der Benutzername muss 3 bis 64 Zeichen lang sein",
        "bertb": TAKEN,  # another user's name, ignoring case
        "Kanzlei": TAKEN,  # the staff group
        "admin": TAKEN,
        "bert@example.org": TAKEN,  # another user's e-mail: same message
    }
    for username, message in cases.items():
        _, response = submit(base_url, erika.token, erika.code, username, GOOD_PASSWORD)
        page = text(response)
        assert message in page, username
        assert "bert@example.org" not in page.replace('value="bert@example.org"', "")
    sync()
    assert invitations.find_by_token(erika.token).used is None
    assert invitations.find_by_token(erika.token).failed_attempts == 0


def test_password_rules(erika, base_url):
    cases = [
        ("kurz", "kurz", "mindestens 8 Zeichen"),
        ("12345678", "12345678", "einfache Folge oder Wiederholung"),
        ("aaaaaaaa", "aaaaaaaa", "einfache Folge oder Wiederholung"),
        ("Passwort1", "Passwort1", "am häufigsten verwendeten Passwörtern"),
        ("erika.m-und-Sonne", "erika.m-und-Sonne", "Ihren Benutzernamen nicht"),
        ("Mustermann-Regen", "Mustermann-Regen", "Ihren Namen nicht"),
        (GOOD_PASSWORD, GOOD_PASSWORD + "!", "stimmen nicht überein"),
        ("", "", "Bitte wählen Sie ein Passwort."),
    ]
    for password, password2, message in cases:
        _, response = submit(
            base_url, erika.token, erika.code, "erika.m", password, password2
        )
        page = text(response)
        assert message in page, password
        assert 'value="erika.m"' in page
    assert no_user("erika.m")
    assert invitations.find_by_token(erika.token).used is None


def test_registration_creates_links_logs_in_and_redirects(erika, base_url, functional):
    other, _ = make_client(
        functional["portal"], "Bert B", "B-1", "1/27", userid="bertb"
    )
    transaction.commit()
    session, response = submit(
        base_url,
        erika.token,
        erika.code.lower().replace("-", " "),
        "Erika.M",
        GOOD_PASSWORD,
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{base_url}/@@meine-akte"
    assert "__ac" in session.cookies
    home = session.get(base_url)
    assert "userrole-authenticated" in home.text
    sync()
    user = api.user.get(username="Erika.M")
    assert user is not None
    assert user.getProperty("email") == "erika@example.org"
    assert user.getProperty("fullname") == "Erika Mustermann"
    mandanten = mandanten_for_user(user.getId())
    assert [m.UID() for m in mandanten] == [erika.mandant.UID()]
    details = erika.mandant.portal_users[user.getId()]
    assert details["kontaktperson"] is None and details["registered"]
    invitation = invitations.find_by_token(erika.token)
    assert invitation.state() == invitations.USED
    assert invitation.used_by == user.getId()
    # isolation: Erika gets her own Mandant, nothing of Bert's
    with api.env.adopt_user(username="Erika.M"):
        assert api.user.has_permission("View", obj=erika.mandat)
        assert not api.user.has_permission("View", obj=other)
        found = api.content.find(portal_type=["Mandant", "Mandat"])
        assert {b.UID for b in found} <= {erika.mandant.UID(), erika.mandat.UID()}
    # the link works once
    _, again = submit(base_url, erika.token, erika.code, "erika2", GOOD_PASSWORD)
    assert INVALID in text(again)
    assert no_user("erika2")


def test_kontaktperson_registers_for_its_mandant(functional, base_url):
    portal = functional["portal"]
    mandant, _ = make_client(portal, "Firma GmbH", "F-1", "1/26", email="info@firma.de")
    with api.env.adopt_roles(["Manager"]):
        kontakt = make_contact(mandant, "Petra Prokura", "petra@firma.de")
        _, token, code = invitations.create_invitation(kontakt)
    transaction.commit()
    _, response = submit(base_url, token, code, "petra@firma.de", GOOD_PASSWORD)
    assert response.status_code == 302
    sync()
    user = api.user.get(username="petra@firma.de")
    assert user.getProperty("fullname") == "Petra Prokura"
    assert mandant.portal_users[user.getId()]["kontaktperson"] == kontakt.UID()


def test_revoked_expired_or_no_online_access_refused(functional, base_url):
    portal = functional["portal"]
    revoked = invited_client(portal, "Rita R", "R-1", "1/31", "rita@example.org")
    invitations.revoke(revoked.invitation)
    expired = invited_client(portal, "Egon E", "E-1", "1/32", "egon@example.org")
    expired.invitation.expires = datetime.now() - timedelta(minutes=1)
    offline = invited_client(portal, "Olga O", "O-1", "1/33", "olga@example.org")
    offline.mandant.online_access = False
    transaction.commit()
    for client in (revoked, expired, offline):
        _, response = submit(base_url, client.token, client.code, "neu1", GOOD_PASSWORD)
        assert INVALID in text(response)
    assert no_user("neu1")


def test_form_without_csrf_token_changes_nothing(erika, base_url):
    response = requests.post(
        f"{base_url}/@@registrierung",
        data={
            "token": erika.token,
            "code": erika.code,
            "username": "erika",
            "password": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
            "form.submitted": "1",
        },
        allow_redirects=False,
    )
    assert response.status_code == 200
    assert "Das Formular war nicht mehr gültig" in text(response)
    assert 'value="erika"' in response.text
    assert no_user("erika")


def test_plone_self_registration_is_closed(functional, base_url):
    response = requests.get(f"{base_url}/@@register", allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "login" in response.headers["Location"]
    assert not api.portal.get_registry_record("plone.enable_self_reg")


def test_taken_username_not_told_without_the_right_code(erika, base_url, functional):
    make_client(functional["portal"], "Bert B", "B-1", "1/27", userid="bertb")
    transaction.commit()
    _, response = submit(base_url, erika.token, "AAAA-BBBB-CC", "bertb", GOOD_PASSWORD)
    page = text(response)
    assert WRONG_CODE in page
    assert TAKEN not in page
