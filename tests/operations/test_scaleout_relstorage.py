"""Scale-out, really run (issue 13 §1): two instances on RelStorage (PostgreSQL started
by the test, blobs in the database) behind nginx (deploy/nginx/online-akte.conf, round
robin, TLS), each started with instance/start.sh and the AKTE_* variables of the README.

Through the balancer a client registers, logs in and keeps working while nginx sends
the requests to one instance and then the other; a file uploaded on one instance
downloads byte-identical on the other; staff release a document on one instance and the
client sees it on the other at the next request; both instances run the notification
clock and each mail goes out once. One test: the steps build on each other, and the
portal (``relstorage_portal``, tests/operations/conftest.py) is shared with test_tls.py.
"""

from tests.operations.portal import CLIENT_PASSWORD
from tests.operations.portal import CLOCK_SECONDS
from tests.operations.portal import DEMO_PASSWORD
from tests.operations.portal import instance_site
from tests.operations.portal import pdf
from tests.operations.portal import STAFF
from tests.operations.portal import STAFF_MAIL

import hashlib
import pytest
import time


# site creation + two starts on CI's slow cores, then a minute for the mail clock
pytestmark = pytest.mark.timeout(900)

ROUNDS = 6  # client requests through nginx: three to each instance (round robin)
MAIL_WAIT = 120  # seconds: a notification waits a quiet minute, then the next beat


def test_two_instances_on_postgresql_behind_nginx(relstorage_portal):
    portal = relstorage_portal
    one, two = portal.instances
    started = time.monotonic()
    for instance in portal.instances:
        assert "Benachrichtigungs-Uhr läuft" in instance.output()
    assert "Plone-Site 'kanzlei' angelegt / created" in one.output()
    assert "vorhanden, Daten bleiben / site kept" in two.output()

    # --- the firm invites a client (the law-office software's REST calls) ----------
    admin = portal.admin()
    firm_before = len(portal.mails_to(STAFF_MAIL))
    portal.call(
        "PATCH",
        f"{portal.url}/@registry",
        admin,
        json={"kanzlei.akte.mail.default_digest_minutes": 1},  # a mail a minute after
    )
    client = portal.new_client(admin, "PG")
    mandate, email = client.mandate, client.email
    link = client.link
    assert link.startswith(portal.url + "/")  # the public https:// address

    # --- the client registers and works; nginx alternates the instances -------------
    http = portal.session()
    http, answer = portal.register(link, client.code, "pg-mandant", http=http)
    assert answer.status_code == 302, answer.text[:1000]
    assert answer.headers["Location"] == f"{portal.url}/@@meine-akte"
    # one mandate: the overview leads straight to it
    overview = http.get(f"{portal.url}/@@meine-akte", timeout=60, allow_redirects=False)
    assert overview.headers["Location"] == mandate
    before = portal.served("akte-mandat HTTP")
    for _ in range(ROUNDS):
        page = http.get(f"{mandate}/@@akte-mandat", timeout=60, allow_redirects=False)
        assert page.status_code == 200, page.text[:500]  # never the login page
        assert "Akte PG" in page.text
    after = portal.served("akte-mandat HTTP")
    per_instance = [a - b for a, b in zip(after, before, strict=True)]
    assert per_instance == [ROUNDS // 2, ROUNDS // 2], per_instance
    # the CSRF token of a page from one instance is good on the other (keyring in
    # the database): an upload through nginx with the session cookie
    through_nginx = pdf("ueber nginx")
    portal.upload(http, mandate, "ueber-nginx.pdf", through_nginx)

    # --- a file uploaded on instance 1 downloads byte-identical on instance 2 -------
    client_one = one.login("pg-mandant", CLIENT_PASSWORD)
    client_two = two.login("pg-mandant", CLIENT_PASSWORD)
    content = pdf("direkt auf Instanz 1", size=3_000_000)
    uid = portal.upload(
        one.http, mandate, "direkt.pdf", content, client_one, base=instance_site(one)
    )
    found = two.http.get(
        f"{instance_site(two)}/@search",
        params={"UID": uid},
        headers=client_two,
        timeout=60,
    ).json()["items"]
    assert len(found) == 1, found
    document_on_two = found[0]["@id"]
    assert document_on_two.startswith(instance_site(two))
    download = two.http.get(
        f"{document_on_two}/@@akte-datei",
        headers={"Authorization": client_two["Authorization"]},
        timeout=60,
    )
    assert download.status_code == 200, download.text[:500]
    assert hashlib.sha256(download.content).digest() == (
        hashlib.sha256(content).digest()
    )
    # blobs are in PostgreSQL, no file system is shared
    assert int(portal.postgres.psql("akte", "SELECT count(*) FROM blob_chunk")) > 0

    # --- staff release on instance 1, the client sees it on instance 2 --------------
    letter = portal.call(
        "PUT",
        f"{portal.url}/@akte-dokument",
        admin,
        json={
            "external_id": "PG-BRIEF-1",
            "file_number": client.file_number,
            "title": "Schreiben an das Gericht",
            "review_state": "intern",  # released by staff below
            "file": {
                "data": "JVBERi0xLjQgQnJpZWY=",
                "filename": "brief.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert letter["review_state"] == "intern", letter
    mandate_on_two = mandate.replace(portal.url, instance_site(two))
    page = two.http.get(
        f"{mandate_on_two}/@@akte-mandat", headers=client_two, timeout=60
    )
    assert "Schreiben an das Gericht" not in page.text  # instance 2 has it cached
    staff_one = one.login(STAFF, DEMO_PASSWORD)
    letter_on_one = letter["@id"].replace(portal.url, instance_site(one))
    released = one.http.post(
        f"{letter_on_one}/@workflow/freigeben", headers=staff_one, timeout=60
    )
    assert released.status_code == 200, released.text[:500]
    page = two.http.get(
        f"{mandate_on_two}/@@akte-mandat", headers=client_two, timeout=60
    )
    assert "Schreiben an das Gericht" in page.text  # invalidated at the next request

    # --- the clock runs in both instances; each mail goes out once ------------------
    # the firm hears of both uploads in one mail (a quiet minute after the last),
    # the client of the released letter in another (digest interval: 1 minute)
    deadline = time.monotonic() + MAIL_WAIT
    while time.monotonic() < deadline and not (
        portal.mails_to(STAFF_MAIL)[firm_before:] and portal.mails_to(email)[2:]
    ):
        time.sleep(1)
    time.sleep(3 * CLOCK_SECONDS)  # a second mail would come with the next beats
    firm = portal.mails_to(STAFF_MAIL)[firm_before:]
    assert [m["Subject"] for m in firm] == ["2 neue Eingänge in der Online-Akte"]
    body = firm[0].get_body(("plain",)).get_content()
    assert f"{portal.url}/resolveuid/" in body, body  # the public https:// address
    # the automatic invitation, the one asked for, then one notice
    *invitations, notice = portal.mails_to(email)
    assert len(invitations) == 2, [m["Subject"] for m in invitations]
    assert notice["Subject"] == "Neues Dokument in Ihrer Online-Akte"
    assert f"{portal.url}/resolveuid/" in notice.get_body(("plain",)).get_content()
    print(f"relstorage scale-out steps took {time.monotonic() - started:.0f} s")
