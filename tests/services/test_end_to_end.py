"""End to end, as the law-office software would run it: plain ``requests`` only.

Sync 100 mandates with 1,000 documents, sync again (no duplicates, only changes),
upload 300 MB by TUS while the instance's memory stays flat, invite a client, pull the
inbox after the client uploaded.
"""

from kanzlei.akte.accounts import invitations
from kanzlei.akte.accounts import registration
from kanzlei.akte.testing import configure_mailhost
from plone import api

import base64
import hashlib
import os
import re
import transaction


CLIENTS = 20
MANDATES = 100
DOCUMENTS = 1000
BATCH = 100
BIG_MB = 300


def b64(data):
    return base64.b64encode(data).decode("ascii")


def mandates():
    return [
        {
            "file_number": f"{1000 + i}/26",
            "client_number": f"K{i % CLIENTS:04d}",
            "title": f"Mandat {i}",
            "opposing_party": "Gegner GmbH",
        }
        for i in range(MANDATES)
    ]


def documents(version=1):
    return [
        {
            "external_id": f"D{i:05d}",
            "file_number": f"{1000 + i % MANDATES}/26",
            "title": f"Dokument {i}",
            "document_date": "2026-03-01",
            "category": "Schriftsatz",
            "file": {
                "data": b64(f"%PDF-1.4 Dokument {i} v{version}".encode()),
                "filename": f"dokument-{i}.pdf",
                "content-type": "application/pdf",
            },
        }
        for i in range(DOCUMENTS)
    ]


def put_batches(session, url, items):
    totals = {"created": 0, "updated": 0, "unchanged": 0}
    for start in range(0, len(items), BATCH):
        response = session.put(url, json={"items": items[start : start + BATCH]})
        assert response.status_code == 200, response.text[:500]
        for key in totals:
            totals[key] += response.json()[key]
    return totals


def rss_kb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(field)


def sync(session, base_url, docs):
    for n in range(CLIENTS):
        response = session.put(
            f"{base_url}/@akte-mandant/K{n:04d}", json={"title": f"Mandant {n}"}
        )
        assert response.status_code in (200, 201)
    mandate_totals = put_batches(session, f"{base_url}/@akte-mandat", mandates())
    document_totals = put_batches(session, f"{base_url}/@akte-dokument", docs)
    return mandate_totals, document_totals


def test_sync_upload_invite_inbox(
    base_url, api_session, portal_f, smtp_sink, tmp_path, client_http
):
    session = api_session

    # 1. first sync
    mandate_totals, document_totals = sync(session, base_url, documents())
    assert mandate_totals == {"created": MANDATES, "updated": 0, "unchanged": 0}
    assert document_totals == {"created": DOCUMENTS, "updated": 0, "unchanged": 0}

    # 2. sync again with three changed documents: no duplicates, only those change
    docs = documents()
    docs[5]["title"] = "Dokument 5 (korrigiert)"
    docs[6]["file"]["data"] = b64(b"%PDF-1.4 Dokument 6 v2")
    docs[7]["document_date"] = "2026-03-02"
    mandate_totals, document_totals = sync(session, base_url, docs)
    assert mandate_totals == {"created": 0, "updated": 0, "unchanged": MANDATES}
    assert document_totals == {"created": 0, "updated": 3, "unchanged": DOCUMENTS - 3}
    total = session.get(
        f"{base_url}/@search", params={"portal_type": "Dokument", "b_size": 1}
    ).json()["items_total"]
    assert total == DOCUMENTS
    six = session.get(
        f"{base_url}/@akte-dokument", params={"external_id": "D00006"}
    ).json()
    assert session.get(six["file"]["download"]).content == b"%PDF-1.4 Dokument 6 v2"

    # 3. 300 MB by TUS; the server (in this process) must not hold the file in memory
    big = tmp_path / "gross.bin"
    digest = hashlib.sha256()
    block = os.urandom(1024 * 1024)
    with open(big, "wb") as out:
        for n in range(BIG_MB):
            chunk = n.to_bytes(4, "big") + block[4:]
            digest.update(chunk)
            out.write(chunk)
    api.portal.set_registry_record("kanzlei.akte.max_upload_mb", 500)
    transaction.commit()
    size = big.stat().st_size
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # reset the peak (VmHWM) to the current RSS
    before = rss_kb("VmRSS")
    start = session.post(
        f"{base_url}/@akte-upload",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(size),
            "Upload-Metadata": "filename "
            + b64(b"akte-komplett.pdf")
            + ",content-type "
            + b64(b"application/pdf"),
        },
    )
    assert start.status_code == 201
    location = start.headers["Location"]
    offset = 0
    with open(big, "rb") as source:
        while offset < size:
            chunk = source.read(8 * 1024 * 1024)
            response = session.patch(
                location,
                data=chunk,
                headers={
                    "Tus-Resumable": "1.0.0",
                    "Upload-Offset": str(offset),
                    "Content-Type": "application/offset+octet-stream",
                },
            )
            assert response.status_code == 204, response.text
            offset = int(response.headers["Upload-Offset"])
            del chunk
    created = session.put(
        f"{base_url}/@akte-dokument",
        json={
            "external_id": "BIG",
            "file_number": "1000/26",
            "file": {"upload": location.rsplit("/", 1)[-1]},
        },
    )
    assert created.status_code == 201, created.text
    peak_growth_mb = (rss_kb("VmHWM") - before) / 1024
    print(f"300 MB TUS upload: peak RSS growth {peak_growth_mb:.1f} MB")
    assert created.json()["file"]["size"] == size
    assert created.json()["sha256"] == digest.hexdigest()
    assert peak_growth_mb < BIG_MB / 4, f"memory grew by {peak_growth_mb:.0f} MB"

    # 4. invite a client; the code comes back once, the link by e-mail
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    client = session.put(
        f"{base_url}/@akte-mandant/K0000",
        json={"email": "k0000@example.org", "online_access": True},
    )
    assert client.status_code == 200
    invited = session.post(
        f"{base_url}/@akte-einladung", json={"client_number": "K0000"}
    )
    assert invited.status_code == 201, invited.text
    code = invited.json()["activation_code"]
    mails = smtp_sink.wait_for(1)
    link = re.search(r"token=([A-Za-z0-9_\-]+)", mails[-1][1].get_body().get_content())
    assert link, "the invitation mail carries the registration link"

    # the client registers with link token and code (as the registration page does)
    transaction.begin()
    invitation = invitations.find_by_token(link.group(1))
    assert (
        registration.check(
            invitation,
            code,
            "k.null",
            "Ein-Langes-Passwort-2026!",
            "Ein-Langes-Passwort-2026!",
        )
        == {}
    )
    registration.register(invitation, "k.null", "Ein-Langes-Passwort-2026!")
    transaction.commit()
    status = session.get(f"{base_url}/@akte-status/K0000").json()
    assert status["registration_state"] == "registriert"

    # 5. the client uploads; the firm's software pulls the inbox and marks it fetched
    userid = api.user.get(username="k.null").getId()
    mandat = session.get(
        f"{base_url}/@akte-mandat", params={"file_number": "1000/26"}
    ).json()
    uploaded = client_http(userid).post(
        mandat["@id"],
        json={
            "@type": "Dokument",
            "title": "Unterschriebene Vollmacht",
            "file": {
                "data": b64(b"%PDF-1.4 Vollmacht"),
                "encoding": "base64",
                "filename": "vollmacht.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert uploaded.status_code == 201, uploaded.text
    inbox = session.get(f"{base_url}/@akte-eingang", params={"unfetched": 1}).json()
    assert [
        (i["title"], i["file_number"], i["client_number"]) for i in inbox["items"]
    ] == [("Unterschriebene Vollmacht", "1000/26", "K0000")]
    item = inbox["items"][0]
    assert session.get(item["file"]["download"]).content == b"%PDF-1.4 Vollmacht"
    session.post(f"{base_url}/@akte-eingang/fetched", json={"cursor": inbox["cursor"]})
    assert (
        session.get(f"{base_url}/@akte-eingang", params={"unfetched": 1}).json()[
            "items"
        ]
        == []
    )
