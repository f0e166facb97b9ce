"""Invitations, status, inbox, and that one client never reaches another's data."""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import configure_mailhost

import base64
import pytest
import transaction


def test_invitation_lifecycle(base_url, api_session, portal_f, smtp_sink):
    from kanzlei.akte.testing import make_client

    make_client(portal_f, "Clara Cäsar", "30001", "30/26", email="clara@example.org")
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    url = f"{base_url}/@akte-einladung"
    created = api_session.post(url, json={"client_number": "30001"})
    assert created.status_code == 201, created.text
    body = created.json()
    code = body["activation_code"]
    assert code and body["invitation"]["state"] == "offen"
    assert body["mail_sent"] is True
    mails = smtp_sink.wait_for(1)
    assert any("clara@example.org" in rcpts for rcpts, _msg in mails)
    assert all(code not in msg.get_body().get_content() for _r, msg in mails)

    state = api_session.get(url, params={"client_number": "30001"})
    assert state.status_code == 200
    assert state.json()["invitation"]["state"] == "offen"
    assert code not in state.text and "activation_code" not in state.json()

    renewed = api_session.put(url, json={"client_number": "30001"})
    assert renewed.status_code == 200
    assert renewed.json()["activation_code"] != code

    revoked = api_session.delete(url, params={"client_number": "30001"})
    assert revoked.json()["invitation"]["state"] == "widerrufen"

    again = api_session.put(url, json={"client_number": "30001"})
    assert again.status_code == 201
    assert again.json()["invitation"]["state"] == "offen"


def test_invitation_errors(base_url, api_session, portal_f):
    from kanzlei.akte.testing import make_client

    make_client(portal_f, "Ohne Zugang", "30002", "31/26", online_access=False)
    transaction.commit()
    url = f"{base_url}/@akte-einladung"
    assert api_session.post(url, json={"client_number": "nope"}).status_code == 404
    missing = api_session.post(url, json={})
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["field"] == "client_number"
    assert api_session.post(url, json={"client_number": "30002"}).status_code == 409
    bad_contact = api_session.post(url, json={"client_number": "30002", "contact": "x"})
    assert bad_contact.status_code == 404


def test_status_never_reveals_secrets(base_url, api_session, two_clients):
    (mandant_a, mandat_a), _b = two_clients
    add_document(mandat_a, "Urteil")
    add_document(mandat_a, "Beschluss")
    transaction.commit()
    response = api_session.get(f"{base_url}/@akte-status/10001")
    assert response.status_code == 200
    body = response.json()
    assert body["registration_state"] == "registriert"
    assert body["unread_documents"] == 2
    assert body["last_login"] is None
    text = response.text.lower()
    for secret in ("password", "passwort", "hash", "activation_code", "token"):
        assert secret not in text
    assert api_session.get(f"{base_url}/@akte-status/99999").status_code == 404


def test_inbox_shows_client_uploads_and_messages(
    base_url, api_session, portal_f, two_clients, client_http
):
    (mandant_a, mandat_a), _b = two_clients
    client = client_http("mandant_a")
    upload = client.post(
        mandat_a.absolute_url().replace("http://nohost/plone", base_url),
        json={
            "@type": "Dokument",
            "title": "Kontoauszug",
            "file": {
                "data": base64.b64encode(b"%PDF-1.4 auszug").decode(),
                "encoding": "base64",
                "filename": "auszug.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert upload.status_code == 201, upload.text
    message = client.post(
        upload.json()["parent"]["@id"],
        json={"@type": "Nachricht", "title": "Frage", "text": "Wann ist der Termin?"},
    )
    assert message.status_code == 201, message.text

    page = api_session.get(f"{base_url}/@akte-eingang", params={"limit": 1})
    assert page.status_code == 200
    first = page.json()
    assert [i["title"] for i in first["items"]] == ["Kontoauszug"]
    assert first["items"][0]["direction"] == "mandant"
    assert first["items"][0]["file_number"] == "1/26"
    assert first["has_more"] is True
    second = api_session.get(first["next"]).json()
    assert [i["title"] for i in second["items"]] == ["Frage"]
    assert second["items"][0]["text"] == "Wann ist der Termin?"

    marked = api_session.post(
        f"{base_url}/@akte-eingang/fetched", json={"uids": [first["items"][0]["UID"]]}
    )
    assert marked.json() == {"marked": 1}
    unfetched = api_session.get(
        f"{base_url}/@akte-eingang", params={"unfetched": 1}
    ).json()
    assert [i["title"] for i in unfetched["items"]] == ["Frage"]
    assert (
        api_session.post(f"{base_url}/@akte-eingang/fetched", json={}).status_code
        == 400
    )
    assert (
        api_session.get(f"{base_url}/@akte-eingang", params={"limit": 0}).status_code
        == 400
    )


ENDPOINTS = [
    ("get", "/@akte-mandant/10001", None),
    ("put", "/@akte-mandant/10001", {"title": "X"}),
    ("get", "/@akte-mandat?file_number=1%2F26", None),
    ("put", "/@akte-mandat", {"file_number": "1/26", "title": "X"}),
    ("get", "/@akte-dokument?external_id=DOC", None),
    ("put", "/@akte-dokument", {"external_id": "DOC"}),
    ("post", "/@akte-einladung", {"client_number": "10001"}),
    ("get", "/@akte-einladung?client_number=10001", None),
    ("delete", "/@akte-einladung?client_number=10001", None),
    ("get", "/@akte-eingang", None),
    ("post", "/@akte-eingang/fetched", {"cursor": 10}),
    ("get", "/@akte-status/10001", None),
    ("post", "/@akte-upload", None),
]


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_clients_and_anonymous_cannot_use_integration_endpoints(
    base_url, portal_f, two_clients, method, path, payload, client_http
):
    import requests

    client = client_http("mandant_a")
    response = getattr(client, method)(f"{base_url}{path}", json=payload)
    assert response.status_code == 403, response.text
    assert response.json()["type"] == "Forbidden"
    anonymous = getattr(requests, method)(
        f"{base_url}{path}", json=payload, headers={"Accept": "application/json"}
    )
    assert anonymous.status_code == 401


def test_client_b_finds_nothing_of_client_a(
    base_url, portal_f, two_clients, client_http
):
    (mandant_a, mandat_a), _b = two_clients
    add_document(mandat_a, "Geheimes Gutachten")
    transaction.commit()
    client_b = client_http("mandant_b")
    client_a = client_http("mandant_a")
    for query in (
        {"file_number": "1/26"},
        {"client_number": "10001"},
        {"SearchableText": "Gutachten"},
        {"portal_type": "Dokument"},
    ):
        hits = client_b.get(f"{base_url}/@search", params=query).json()
        assert hits["items_total"] == 0, query
    own = client_a.get(f"{base_url}/@search", params={"portal_type": "Dokument"}).json()
    assert [i["title"] for i in own["items"]] == ["Geheimes Gutachten"]
    url_a = mandat_a.absolute_url().replace("http://nohost/plone", base_url)
    assert client_b.get(url_a).status_code in (401, 403, 404)
    assert "Mietsache" not in client_b.get(url_a).text


def test_invitation_for_contact_person(base_url, api_session, portal_f):
    from kanzlei.akte.testing import make_client

    mandant, _mandat = make_client(portal_f, "Firma AG", "30003", "32/26")
    transaction.commit()
    contact = api_session.post(
        mandant.absolute_url().replace("http://nohost/plone", base_url),
        json={
            "@type": "Kontaktperson",
            "title": "Frau Prokuristin",
            "email": "p@example.org",
        },
    )
    assert contact.status_code == 201, contact.text
    uid = contact.json()["UID"]
    invited = api_session.post(
        f"{base_url}/@akte-einladung",
        json={"client_number": "30003", "contact": uid, "send_email": False},
    )
    assert invited.status_code == 201, invited.text
    assert invited.json()["contact"] == uid
    assert invited.json()["invitation"]["email"] == "p@example.org"
    status = api_session.get(f"{base_url}/@akte-status/30003").json()
    states = {t["contact"]: t["invitation"] for t in status["targets"]}
    assert states[uid]["state"] == "offen"
    assert status["registration_state"] == "eingeladen"
