"""@@eingang (staff) and @@benachrichtigungen (each user their own), over HTTP."""

from kanzlei.akte.mail import preferences
from plone import api
from plone.namedfile.file import NamedBlobFile

import re
import requests
import transaction


STAFF = ("anwalt", "Kanzlei-Test-Passwort-2026")
CLIENT_A = ("mandant_a", "Mandanten-Test-Passwort-2026")
CLIENT_B = ("mandant_b", "Mandanten-Test-Passwort-2026")


def authenticator(html):
    tag = re.search(r'<input[^>]*name="_authenticator"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def client_upload(mandat, title):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=mandat,
            type="Dokument",
            title=title,
            direction="mandant",
            file=NamedBlobFile(
                data=b"x", filename="x.pdf", contentType="application/pdf"
            ),
        )


def test_inbox_staff_only_newest_first_mark_seen(akte, base_url):
    first = client_upload(akte.mandat_a, "Upload Erika Mietvertrag")
    transaction.commit()
    second = client_upload(akte.mandat_b, "Upload Bert Testament")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=akte.mandat_a,
            type="Dokument",
            title="Schriftsatz der Kanzlei",
            file=NamedBlobFile(data=b"x", filename="s.pdf"),
        )
    transaction.commit()
    url = f"{base_url}/@@eingang"

    for auth in (CLIENT_A, CLIENT_B, None):  # clients and anonymous: nothing
        response = requests.get(url, auth=auth, timeout=30, allow_redirects=False)
        assert response.status_code != 200
        assert "Upload" not in response.text

    # The "Eingang" tab: staff see it, clients do not.
    assert "/@@eingang" in requests.get(base_url, auth=STAFF, timeout=30).text
    assert "/@@eingang" not in requests.get(base_url, auth=CLIENT_A, timeout=30).text

    page = requests.get(url, auth=STAFF, timeout=30)
    assert page.status_code == 200
    assert "Eingang" in page.text
    assert "Schriftsatz der Kanzlei" not in page.text
    assert page.text.index("Upload Bert") < page.text.index("Upload Erika")
    assert "123/26" in page.text and "124/26" in page.text

    # Without the authenticator (CSRF) nothing changes.
    refused = requests.post(url, auth=STAFF, data={"uids": second.UID()}, timeout=30)
    assert refused.status_code == 403
    token = authenticator(page.text)
    done = requests.post(
        url,
        auth=STAFF,
        data={"uids:list": [second.UID()], "_authenticator": token},
        timeout=30,
    )
    assert done.status_code == 200
    assert "Upload Bert" not in done.text and "Upload Erika" in done.text
    assert "als gesehen markiert" in done.text

    requests.post(
        url,
        auth=STAFF,
        data={"uids:list": [first.UID()], "_authenticator": token},
        timeout=30,
    )
    assert (
        "Keine ungesehenen Eingänge" in requests.get(url, auth=STAFF, timeout=30).text
    )


def test_notification_preferences_own_only_german_errors(akte, base_url):
    url = f"{base_url}/@@benachrichtigungen"
    anonymous = requests.get(url, timeout=30, allow_redirects=False)
    assert anonymous.status_code != 200

    page = requests.get(url, auth=CLIENT_A, timeout=30)
    assert page.status_code == 200
    assert "gesammelt alle N Minuten" in page.text and 'value="10"' in page.text
    token = authenticator(page.text)

    bad = requests.post(
        url,
        auth=CLIENT_A,
        data={
            "mode": "intervall",
            "minutes": "zehn",
            "form.submitted": "1",
            "_authenticator": token,
        },
        timeout=30,
    )
    assert bad.status_code == 200
    assert "Bitte geben Sie eine ganze Zahl von Minuten" in bad.text
    assert 'value="zehn"' in bad.text
    transaction.begin()
    assert preferences.get_preference("mandant_a")["chosen"] is False

    forged = requests.post(
        url, auth=CLIENT_A, data={"mode": "nie", "form.submitted": "1"}, timeout=30
    )
    assert forged.status_code == 403

    good = requests.post(
        url,
        auth=CLIENT_A,
        data={"mode": "taeglich", "form.submitted": "1", "_authenticator": token},
        timeout=30,
    )
    assert good.status_code == 200
    assert "Ihre Einstellung ist gespeichert" in good.text
    transaction.begin()
    assert preferences.get_preference("mandant_a")["mode"] == "taeglich"
    assert preferences.get_preference("mandant_b")["chosen"] is False
    page_b = requests.get(url, auth=CLIENT_B, timeout=30)
    assert "Ihre Einstellung ist gespeichert" not in page_b.text


def test_admin_edits_the_rule_texts_in_the_content_rules_ui(akte, base_url, flush):
    from kanzlei.akte.testing import add_document
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    rule_url = f"{base_url}/++rule++akte-dokument-freigegeben"
    elements = requests.get(f"{rule_url}/@@manage-elements", auth=admin, timeout=30)
    assert elements.status_code == 200
    assert "Mandanten benachrichtigen" in elements.text
    assert "Richtung" in elements.text

    form_url = f"{rule_url}/++action++0/edit"
    token = re.search(r"edit\?_authenticator=([0-9a-f]+)", elements.text).group(1)
    form = requests.get(f"{form_url}?_authenticator={token}", auth=admin, timeout=30)
    assert form.status_code == 200
    assert "Neues Dokument in Ihrer Online-Akte" in form.text
    assert "${mandant_emails}" in form.text
    for label in ("Betreff (Englisch)", "Text (Englisch)"):  # for English clients
        assert label in form.text, label
    fields = dict(
        re.findall(r'name="(form\.widgets\.[a-z_]+)"[^>]*value="([^"]*)"', form.text)
    )
    fields.update(
        {
            "form.widgets.subject": "Post von ${kanzlei_name}",
            "form.widgets.message": "Neu für Sie: ${akte_url}",
            "form.buttons.save": "Speichern",
            "_authenticator": authenticator(form.text),
        }
    )
    saved = requests.post(form_url, auth=admin, data=fields, timeout=30)
    assert saved.status_code == 200

    transaction.begin()
    add_document(akte.mandat_a)
    transaction.commit()
    flush(akte.portal, minutes=11)
    message = akte.sink.messages[0][1]
    assert message["Subject"] == "Post von KLX Rechtsanwälte"
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = f"{akte.portal.absolute_url()}/resolveuid/{akte.mandat_a.UID()}"
    assert text.strip() == f"Neu für Sie: {link}"


def test_send_now_and_settings_are_for_administrators_only(akte, base_url):
    from datetime import timedelta
    from kanzlei.akte.mail import preferences
    from kanzlei.akte.mail import queue
    from kanzlei.akte.testing import add_document
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    preferences.set_preference("mandant_a", preferences.SOFORT)
    add_document(akte.mandat_a)
    for key, entry in queue.entries(akte.portal):  # added two minutes ago
        queue.replace(akte.portal, key, created=entry["created"] - timedelta(minutes=2))
    transaction.commit()
    send = f"{base_url}/@@akte-benachrichtigungen-senden"
    settings = f"{base_url}/@@akte-benachrichtigungen-einstellungen"

    for auth in (CLIENT_A, STAFF, None):
        refused = requests.post(send, auth=auth, timeout=30, allow_redirects=False)
        assert refused.status_code != 200 and "sent=" not in refused.text
        response = requests.get(settings, auth=auth, timeout=30, allow_redirects=False)
        assert response.status_code != 200
    assert akte.sink.messages == []

    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert requests.get(send, auth=admin, timeout=30).status_code == 403  # POST only
    response = requests.post(send, auth=admin, timeout=30)
    assert response.status_code == 200
    assert response.text == "sent=1 failed=0 dropped=0\n"
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]
    panel = requests.get(settings, auth=admin, timeout=30)
    assert panel.status_code == 200 and "Details in E-Mails nennen" in panel.text
