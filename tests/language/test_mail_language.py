"""Mails and the letter in the recipient's language: a client's account language,
an invitation's "Korrespondenzsprache"; the firm's own mails stay German."""

from datetime import datetime
from kanzlei.akte.accounts import invitations
from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.language.recipients import format_date
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import client_upload
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from tests.accounts.conftest import authenticator
from tests.accounts.conftest import GOOD_PASSWORD
from tests.accounts.conftest import submit
from tests.accounts.conftest import sync
from tests.language.test_untranslated import assert_no_raw_msgid
from tests.mail.conftest import flush  # noqa: F401 (fixture)
from tests.services.conftest import api_session  # noqa: F401 (fixture)
from tests.services.conftest import api_token  # noqa: F401 (fixture)
from tests.services.conftest import integration_user  # noqa: F401 (fixture)
from tests.services.conftest import portal_f  # noqa: F401 (fixture)
from types import SimpleNamespace

import html
import pytest
import re
import requests
import transaction


STAFF = ("anwalt", "Kanzlei-Test-Passwort-2026")
GERMAN = ("Guten Tag", "Mit freundlichen Grüßen", "Dokument", "Online-Akte bei")


def parts(message):
    """(text, html) of a mail, line ends as in Python."""
    return tuple(
        message.get_body(preferencelist=(kind,)).get_content().replace("\r\n", "\n")
        for kind in ("plain", "html")
    )


def mail_to(sink, address):
    found = [message for rcpts, message in sink.messages if rcpts == [address]]
    assert len(found) == 1, [rcpts for rcpts, _m in sink.messages]
    return found[0]


@pytest.fixture
def clients(functional, smtp_sink):
    """``en@example.org`` reads English (switched in the account), ``de@…`` German."""
    portal = functional["portal"]
    configure_mailhost(smtp_sink.port)
    set_demo_branding()  # phone and e-mail in the mails' footer
    with api.env.adopt_roles(["Manager"]):
        make_staff("anwalt", email="anwalt@example.org")
        _, mandat_en = make_client(
            portal, "Emma English", "E-1", "1/26", userid="client_en",
            email="en@example.org",
        )  # fmt: skip
        _, mandat_de = make_client(
            portal, "Dora Deutsch", "D-1", "2/26", userid="client_de",
            email="de@example.org",
        )  # fmt: skip
        mandat_en.responsible_lawyer = mandat_de.responsible_lawyer = "anwalt"
        api.user.get(userid="client_en").setMemberProperties({"language": "en"})
    transaction.commit()
    return SimpleNamespace(
        portal=portal, sink=smtp_sink, mandat_en=mandat_en, mandat_de=mandat_de
    )


def test_notification_in_the_clients_language(clients, flush):  # noqa: F811
    add_document(clients.mandat_en, title="Klageerwiderung")
    add_document(clients.mandat_de, title="Klageerwiderung")
    transaction.commit()
    assert flush(clients.portal, minutes=11)["sent"] == 2

    english = mail_to(clients.sink, "en@example.org")
    assert english["Subject"] == "New document in your Online-Akte"
    text, body = parts(english)
    assert text.startswith("Hello,\n\nthere is something new for you")
    assert "- 1 new document: http" in text
    assert "Kind regards\nKLX Rechtsanwälte" in text
    assert "Please log in to see it" in body and "Kind regards" in body
    assert '<html lang="en">' in body
    assert "Phone:" in body and "Telefon" not in body  # the letterhead's footer
    for word in GERMAN:
        assert word not in text and word not in body, word
    assert_no_raw_msgid(english["Subject"], text, body)

    german = mail_to(clients.sink, "de@example.org")
    assert german["Subject"] == "Neues Dokument in Ihrer Online-Akte"
    text, body = parts(german)
    assert text.startswith("Guten Tag,") and "- 1 neues Dokument: http" in text
    assert '<html lang="de">' in body and "Telefon:" in body


def test_digest_in_english(clients, flush):  # noqa: F811
    for number in range(3):
        add_document(clients.mandat_en, title=f"Beleg {number}")
        transaction.commit()
    assert flush(clients.portal, minutes=11)["sent"] == 3  # three items, one mail
    english = mail_to(clients.sink, "en@example.org")
    assert english["Subject"] == "3 new documents in your Online-Akte"
    text, body = parts(english)
    assert "- 3 new documents: http" in text and "3 new documents" in body
    assert "neue" not in text and "neue" not in body
    assert_no_raw_msgid(english["Subject"], text, body)


def test_firm_mail_stays_german_and_a_changed_rule_text_is_the_firms(
    clients,
    flush,  # noqa: F811
):
    from plone.contentrules.engine.interfaces import IRuleStorage
    from zope.component import getUtility

    client_upload(clients.mandat_en, "client_en", title="Beleg")
    action = getUtility(IRuleStorage)["akte-dokument-freigegeben"].actions[0]
    action.message = "Hallo,\n\nneu bei uns:\n${akten_liste}\n\nIhre Kanzlei"
    transaction.commit()
    add_document(clients.mandat_en, title="Schriftsatz")
    transaction.commit()
    assert flush(clients.portal, minutes=11)["sent"] == 2

    lawyer = mail_to(clients.sink, "anwalt@example.org")
    assert lawyer["Subject"] == "Neuer Eingang in der Online-Akte"
    assert parts(lawyer)[0].startswith("Guten Tag,\n\nein Mandant hat")
    # the firm wrote its own text: theirs, and the whole mail in the firm's language
    client = mail_to(clients.sink, "en@example.org")
    text, body = parts(client)
    assert text.startswith("Hallo,\n\nneu bei uns:\n- 1 neues Dokument: http")
    assert client["Subject"] == "Neues Dokument in Ihrer Online-Akte"
    assert '<html lang="de">' in body

    # with its own English version of the text, English clients read that
    action.message_en = "Hello,\r\n\r\nnew with us:\r\n${akten_liste}\r\n"
    transaction.commit()
    add_document(clients.mandat_en, title="Schriftsatz 2")
    transaction.commit()
    flush(clients.portal, minutes=30)
    client = [m for rcpts, m in clients.sink.messages if rcpts == ["en@example.org"]][1]
    text, body = parts(client)
    assert text.startswith("Hello,\n\nnew with us:\n- 1 new document: http")
    assert client["Subject"] == "New document in your Online-Akte"  # as shipped
    assert '<html lang="en">' in body


@pytest.fixture
def staff(functional):
    make_staff()
    transaction.commit()
    session = requests.Session()
    session.auth = STAFF
    return session


def test_invitation_mail_letter_and_account_in_the_chosen_language(
    functional, base_url, smtp_sink, staff
):
    portal = functional["portal"]
    configure_mailhost(smtp_sink.port)
    set_demo_branding()
    mandant, _ = make_client(
        portal, "Emma English", "E-2", "3/26", email="emma@example.org"
    )
    mandant.correspondence_language = "en"  # staff chose it in the Mandant's form
    transaction.commit()  # the automatic invitation

    ((rcpts, message),) = smtp_sink.wait_for(1)
    invitation = invitations.current_invitation(mandant)
    assert invitation.language == "en"
    assert (
        message["Subject"] == "Your invitation to the Online-Akte of KLX Rechtsanwälte"
    )
    text, body = parts(message)
    until = format_date(invitation.expires, "en")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", until)  # "4 December 2026"
    assert f"The link is valid until {until}." in text
    assert text.startswith("Hello,") and "Kind regards" in body
    assert '<html lang="en">' in body
    for word in ("Guten Tag", "gültig", "Grüßen"):
        assert word not in text and word not in body
    assert_no_raw_msgid(message["Subject"], text, body)

    # the letter (printed by staff from their German page) in English
    panel = staff.get(mandant.absolute_url() + "/@@akte-zugang")
    assert re.search(  # the invitation's language
        r'akte-zugang-sprache">Sprache:\s+English<', html.unescape(panel.text)
    )
    response = staff.post(
        mandant.absolute_url() + "/@@akte-zugang",
        data={
            "action": "code",
            "target": "mandant",
            "_authenticator": authenticator(panel.text),
        },
    )
    page = html.unescape(response.text)
    letter = page[page.index('id="akte-brief"') :]
    assert 'lang="en"' in page[page.index('class="akte-brief"') - 200 :][:400]
    assert "Your activation code for the Online-Akte" in letter
    assert until in letter
    assert format_date(datetime.now(), "en") in letter
    assert "Kind regards" in letter
    for word in ("Guten Tag", "Aktivierungscode", "gültig", "Grüßen"):
        assert word not in letter, word
    assert_no_raw_msgid(letter)
    assert "Brief drucken" in page  # the staff's own buttons stay German
    code = re.search(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\b", letter).group(1)

    # the link opens the registration page in English (a German browser, no choice yet)
    link = re.search(r"(http\S+@@registrierung\?token=\S+)", text).group(1)
    opened = requests.get(link, headers={"Accept-Language": "de-DE,de"}, timeout=30)
    assert opened.status_code == 200
    assert re.search(r'<html[^>]* lang="en"', opened.text)
    assert opened.history[0].status_code == 302  # once, to set the language cookie
    assert opened.url == link and "Activation code" in opened.text

    # registering: the new account keeps the invitation's language
    token = re.search(r"token=(\S+)", text).group(1)
    _, done = submit(base_url, token, code, "emma.e", GOOD_PASSWORD)
    assert done.status_code == 302
    sync()
    assert api.user.get(userid="emma.e").getProperty("language") == "en"


def test_german_invitation_and_letter_by_default(functional, smtp_sink, staff):
    portal = functional["portal"]
    configure_mailhost(smtp_sink.port)
    mandant, _ = make_client(portal, "Dora D", "D-2", "4/26", email="d@example.org")
    transaction.commit()
    ((_rcpts, message),) = smtp_sink.wait_for(1)
    invitation = invitations.current_invitation(mandant)
    until = format_date(invitation.expires, "de")
    assert re.fullmatch(r"\d{1,2}\. [A-Z][a-zä]+ \d{4}", until)  # "4. Dezember 2026"
    assert f"Der Link ist gültig bis zum {until}." in parts(message)[0]
    panel = staff.get(mandant.absolute_url() + "/@@akte-zugang")
    response = staff.post(
        mandant.absolute_url() + "/@@akte-zugang",
        data={
            "action": "code",
            "target": "mandant",
            "_authenticator": authenticator(panel.text),
        },
    )
    letter = html.unescape(response.text).split('id="akte-brief"', 1)[1]
    assert "Ihr Aktivierungscode für die" in letter and until in letter
    # staff choose the language where they enter the client (German preselected)
    form = html.unescape(
        staff.get(portal.absolute_url() + "/mandanten/++add++Mandant").text
    )
    assert "Korrespondenzsprache" in form
    chosen = re.search(
        r'<select[^>]*name="form.widgets.correspondence_language:list".*?</select>',
        form,
        re.S,
    ).group(0)
    assert re.search(r"<option[^>]*selected[^>]*>Deutsch<", chosen)
    assert "English" in chosen


def test_password_reset_mail_in_the_accounts_language(clients, functional):
    from kanzlei.akte.pas.reset import request_reset

    assert request_reset("client_en", functional["request"])
    transaction.commit()
    clients.sink.wait_for(1)
    message = mail_to(clients.sink, "en@example.org")
    assert message["Subject"] == "Reset the password of your Online-Akte"
    text, body = parts(message)
    assert text.startswith("Hello,") and '<html lang="en">' in body
    assert "Passwort" not in text
    assert_no_raw_msgid(message["Subject"], text, body)


def test_rest_sets_the_language_of_client_and_invitation(
    base_url,
    smtp_sink,
    api_session,  # noqa: F811
):
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    client = api_session.put(
        f"{base_url}/@akte-mandant/50001",
        json={
            "title": "Emma English",
            "email": "emma@example.org",
            "online_access": True,
            "correspondence_language": "en",
        },
    )
    assert client.status_code == 201, client.text
    assert client.json()["correspondence_language"] == "en"
    ((_rcpts, message),) = smtp_sink.wait_for(1)  # the automatic invitation
    assert message["Subject"].startswith("Your invitation to the Online-Akte")

    url = f"{base_url}/@akte-einladung"
    wrong = api_session.post(url, json={"client_number": "50001", "language": "fr"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["field"] == "language"
    german = api_session.post(url, json={"client_number": "50001", "language": "de"})
    assert german.status_code == 201, german.text
    assert german.json()["invitation"]["language"] == "de"
    message = smtp_sink.wait_for(2)[1][1]
    assert message["Subject"].startswith("Ihre Einladung zur Online-Akte")
