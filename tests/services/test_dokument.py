"""PUT @akte-dokument: base64 and TUS files, idempotency, errors."""

from plone import api

import base64
import transaction


def b64(data):
    return base64.b64encode(data).decode("ascii")


def doc_payload(external_id="DOC-1", data=b"%PDF-1.4 eins", **extra):
    payload = {
        "external_id": external_id,
        "file_number": "1/26",
        "title": "Klageschrift",
        "document_date": "2026-01-15",
        "category": "Schriftsatz",
        "file": {
            "data": b64(data),
            "filename": "klage.pdf",
            "content-type": "application/pdf",
        },
    }
    payload.update(extra)
    return payload


def test_document_created_once_and_updated_only_on_change(
    base_url, api_session, two_clients
):
    url = f"{base_url}/@akte-dokument"
    first = api_session.put(url, json=doc_payload())
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["file"]["filename"] == "klage.pdf"
    assert body["file"]["size"] == len(b"%PDF-1.4 eins")
    assert body["client_number"] == "10001"
    assert body["review_state"] == "freigegeben"

    again = api_session.put(url, json=doc_payload())
    assert again.status_code == 200
    assert again.json()["changed"] == []
    assert again.json()["modified"] == body["modified"]

    new_file = api_session.put(
        url, json=doc_payload(data=b"%PDF-1.4 zwei", review_state="intern")
    )
    assert new_file.json()["changed"] == ["file", "review_state"]
    assert new_file.json()["review_state"] == "intern"
    download = api_session.get(new_file.json()["file"]["download"])
    assert download.content == b"%PDF-1.4 zwei"

    found = api_session.get(url, params={"external_id": "DOC-1"})
    assert found.json()["UID"] == body["UID"]
    mandat = two_clients[0][1]
    transaction.begin()
    assert len(mandat.objectIds()) == 1


def test_document_errors(base_url, api_session, two_clients):
    url = f"{base_url}/@akte-dokument"
    unknown_mandate = api_session.put(url, json=doc_payload(file_number="999/99"))
    assert unknown_mandate.status_code == 404
    assert unknown_mandate.json()["type"] == "NotFound"

    bad = api_session.put(
        url,
        json=doc_payload(
            category="Kochrezept", document_date="gestern", file={"data": "!!"}
        ),
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"file"}

    bad_fields = api_session.put(
        url, json=doc_payload(category="Kochrezept", document_date="x")
    )
    assert {e["field"] for e in bad_fields.json()["errors"]} == {
        "category",
        "document_date",
    }

    api.portal.set_registry_record("kanzlei.akte.max_upload_mb", 1)
    transaction.commit()
    big = api_session.put(url, json=doc_payload(data=b"x" * (1024 * 1024 + 10)))
    assert big.status_code == 413
    assert big.json()["type"] == "RequestEntityTooLarge"

    api_session.put(url, json=doc_payload())
    moved = api_session.put(url, json=doc_payload(file_number="2/26"))
    assert moved.status_code == 409

    # a batch is all or nothing: the first item is not stored when the second fails
    batch = api_session.put(
        url,
        json={"items": [doc_payload("DOC-2"), doc_payload("DOC-3", file_number="9/9")]},
    )
    assert batch.status_code == 404
    assert batch.json()["index"] == 1
    assert api_session.get(url, params={"external_id": "DOC-2"}).status_code == 404


def test_tus_upload_then_document(base_url, api_session, two_clients):
    data = b"%PDF-1.4 " + b"0123456789" * 50_000
    start = api_session.post(
        f"{base_url}/@akte-upload",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(len(data)),
            "Upload-Metadata": "filename " + b64(b"gross.pdf"),
        },
    )
    assert start.status_code == 201, start.text
    location = start.headers["Location"]
    offset = 0
    for chunk in (data[:200_000], data[200_000:]):
        patch = api_session.patch(
            location,
            data=chunk,
            headers={
                "Tus-Resumable": "1.0.0",
                "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream",
            },
        )
        assert patch.status_code == 204, patch.text
        offset = int(patch.headers["Upload-Offset"])
    upload_id = location.rsplit("/", 1)[-1]
    head = api_session.head(location, headers={"Tus-Resumable": "1.0.0"})
    assert head.headers["Upload-Offset"] == str(len(data))
    created = api_session.put(
        f"{base_url}/@akte-dokument",
        json={
            "external_id": "BIG-1",
            "file_number": "1/26",
            "file": {"upload": upload_id},
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["file"]["size"] == len(data)
    assert created.json()["title"] == "gross.pdf"
    assert api_session.get(created.json()["file"]["download"]).content == data
    # the upload is used up
    reused = api_session.put(
        f"{base_url}/@akte-dokument",
        json={
            "external_id": "BIG-2",
            "file_number": "1/26",
            "file": {"upload": upload_id},
        },
    )
    assert reused.status_code == 400


def test_tus_upload_too_large(base_url, api_session):
    response = api_session.post(
        f"{base_url}/@akte-upload",
        headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(101 * 1024 * 1024)},
    )
    assert response.status_code == 413


def test_tus_resume_and_refusals(base_url, api_session):
    tus = {"Tus-Resumable": "1.0.0"}
    start = api_session.post(
        f"{base_url}/@akte-upload", headers={**tus, "Upload-Length": "10"}
    )
    location = start.headers["Location"]
    chunk = {**tus, "Content-Type": "application/offset+octet-stream"}
    first = api_session.patch(
        location, data=b"12345", headers={**chunk, "Upload-Offset": "0"}
    )
    assert first.status_code == 204
    # after a broken connection: HEAD tells where to go on
    assert api_session.head(location, headers=tus).headers["Upload-Offset"] == "5"
    wrong_offset = api_session.patch(
        location, data=b"67890", headers={**chunk, "Upload-Offset": "3"}
    )
    assert wrong_offset.status_code == 409
    too_much = api_session.patch(
        location, data=b"678901234", headers={**chunk, "Upload-Offset": "5"}
    )
    assert too_much.status_code == 413
    unknown = api_session.head(f"{base_url}/@akte-upload/{'0' * 32}", headers=tus)
    assert unknown.status_code == 404
    not_finished = api_session.put(
        f"{base_url}/@akte-dokument",
        json={
            "external_id": "HALB",
            "file_number": "1/26",
            "file": {"upload": location.rsplit("/", 1)[-1]},
        },
    )
    assert not_finished.status_code in (400, 404)
