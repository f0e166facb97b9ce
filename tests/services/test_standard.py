"""plone.restapi's standard endpoints for our types, used by the Integration role."""

from kanzlei.akte.testing import add_document

import base64
import transaction


def rest_url(obj, base_url):
    return obj.absolute_url().replace("http://nohost/plone", base_url)


def test_create_read_update_and_search(base_url, api_session, two_clients):
    (mandant_a, mandat_a), _b = two_clients
    created = api_session.post(
        rest_url(mandant_a, base_url),
        json={"@type": "Mandat", "title": "Arbeitsrecht", "file_number": "77/26"},
    )
    assert created.status_code == 201, created.text
    mandat_url = created.json()["@id"]
    assert "akte-" in mandat_url.rsplit("/", 1)[-1]

    doc = api_session.post(
        mandat_url,
        json={
            "@type": "Dokument",
            "title": "Kündigung",
            "category": "Schriftsatz",
            "document_date": "2026-02-01",
            "external_id": "EXT-77",
            "file": {
                "data": base64.b64encode(b"%PDF-1.4 k").decode(),
                "encoding": "base64",
                "filename": "kuendigung.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert doc.status_code == 201, doc.text
    doc_url = doc.json()["@id"]

    patched = api_session.patch(mandat_url, json={"opposing_party": "Arbeitgeber AG"})
    assert patched.status_code == 204
    assert api_session.get(mandat_url).json()["opposing_party"] == "Arbeitgeber AG"

    hits = api_session.get(
        f"{base_url}/@search",
        params={
            "file_number": "77/26",
            "metadata_fields": ["file_number", "review_state"],
        },
    ).json()
    assert [i["file_number"] for i in hits["items"]] == ["77/26"]
    docs = api_session.get(
        f"{base_url}/@search",
        params={
            "portal_type": "Dokument",
            "external_id": "EXT-77",
            "category": "Schriftsatz",
            "direction": "kanzlei",
            "review_state": "freigegeben",
            "document_date.query": "2026-01-31",
            "document_date.range": "min",
            "metadata_fields": ["document_date", "category", "direction", "mandat_uid"],
        },
    ).json()
    assert [i["title"] for i in docs["items"]] == ["Kündigung"]
    assert docs["items"][0]["category"] == "Schriftsatz"

    withheld = api_session.post(f"{doc_url}/@workflow/zurueckziehen")
    assert withheld.status_code == 200, withheld.text
    assert api_session.get(doc_url).json()["review_state"] == "intern"
    released = api_session.post(f"{doc_url}/@workflow/freigeben")
    assert released.status_code == 200, released.text
    assert api_session.get(doc_url).json()["review_state"] == "freigegeben"


def test_duplicate_keys_via_standard_endpoints_give_409(
    base_url, api_session, two_clients
):
    (mandant_a, mandat_a), (mandant_b, mandat_b) = two_clients
    area = rest_url(mandant_a.__parent__, base_url)
    duplicate = api_session.post(
        area, json={"@type": "Mandant", "title": "Doppelt", "client_number": "10001"}
    )
    assert duplicate.status_code == 409, duplicate.text
    assert duplicate.json()["type"] == "Conflict"
    assert "10001" in duplicate.json()["message"]
    patch = api_session.patch(
        rest_url(mandat_b, base_url), json={"file_number": "1/26"}
    )
    assert patch.status_code == 409
    transaction.begin()
    assert mandat_b.file_number == "2/26"
    assert len(mandant_a.__parent__.objectIds()) == 2


def test_validation_error_names_field(base_url, api_session, two_clients):
    (mandant_a, _mandat), _b = two_clients
    response = api_session.post(
        rest_url(mandant_a, base_url),
        json={"@type": "Mandat", "title": "Ohne Aktenzeichen"},
    )
    assert response.status_code == 400
    assert "file_number" in response.text


def test_standard_tus_upload_creates_document(base_url, api_session, two_clients):
    (_mandant, mandat_a), _b = two_clients
    data = b"%PDF-1.4 " + b"x" * 100_000
    meta = ",".join(
        f"{k} {base64.b64encode(v.encode()).decode()}"
        for k, v in {
            "filename": "scan.pdf",
            "content-type": "application/pdf",
            "@type": "Dokument",
        }.items()
    )
    start = api_session.post(
        f"{rest_url(mandat_a, base_url)}/@tus-upload",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(len(data)),
            "Upload-Metadata": meta,
        },
    )
    assert start.status_code == 201, start.text
    patch = api_session.patch(
        start.headers["Location"],
        data=data,
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert patch.status_code == 204, patch.text
    created = api_session.get(patch.headers["Location"]).json()
    assert created["@type"] == "Dokument"
    assert created["file"]["size"] == len(data)


def test_integration_is_no_manager(base_url, api_session, two_clients):
    (_mandant, mandat_a), _b = two_clients
    doc = add_document(mandat_a)
    transaction.commit()
    # create, read, update: yes; delete: no (the firm's staff delete by hand)
    assert api_session.get(rest_url(doc, base_url)).status_code == 200
    assert api_session.delete(rest_url(doc, base_url)).status_code in (401, 403)
    assert api_session.delete(rest_url(mandat_a, base_url)).status_code in (401, 403)
    assert api_session.get(f"{base_url}/@users").status_code in (401, 403)
    assert api_session.get(f"{base_url}/@controlpanels").status_code in (401, 403)
    assert api_session.post(
        base_url, json={"@type": "Document", "title": "Seite"}
    ).status_code in (401, 403)


def test_upload_limit_for_standard_endpoints(base_url, api_session, two_clients):
    from plone import api

    (_mandant, mandat_a), _b = two_clients
    api.portal.set_registry_record("kanzlei.akte.max_upload_mb", 1)
    transaction.commit()
    big = b"%PDF-1.4 " + b"x" * (1024 * 1024)
    response = api_session.post(
        rest_url(mandat_a, base_url),
        json={
            "@type": "Dokument",
            "title": "Zu groß",
            "file": {
                "data": base64.b64encode(big).decode(),
                "encoding": "base64",
                "filename": "gross.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert response.status_code == 413, response.text
    assert response.json()["type"] == "RequestEntityTooLarge"
    transaction.begin()
    assert mandat_a.objectIds() == []
