"""Upsert of Mandant and Mandat by their external keys."""

import requests


def test_mandant_create_then_idempotent_then_update(base_url, api_session):
    url = f"{base_url}/@akte-mandant/20001"
    data = {
        "title": "Erika Mustermann",
        "email": "erika@example.org",
        "online_access": True,
    }
    first = api_session.put(url, json=data)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["client_number"] == "20001"
    assert body["created"] is True
    assert "mandant-" in body["@id"]

    again = api_session.put(url, json=data)
    assert again.status_code == 200
    assert again.json()["changed"] == []
    assert again.json()["modified"] == body["modified"]
    assert again.json()["@id"] == body["@id"]

    changed = api_session.put(url, json={"city": "Köln"})
    assert changed.status_code == 200
    assert changed.json()["changed"] == ["city"]
    assert changed.json()["city"] == "Köln"

    got = api_session.get(url)
    assert got.json()["city"] == "Köln"


def test_mandant_validation_names_fields(base_url, api_session):
    response = api_session.put(
        f"{base_url}/@akte-mandant/20002",
        json={"email": "keine-adresse", "client_type": "verein", "bogus": 1},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "ValidationError"
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"email", "client_type", "bogus"}
    assert api_session.get(f"{base_url}/@akte-mandant/20002").status_code == 404


def test_mandat_upsert_by_file_number(base_url, api_session):
    api_session.put(f"{base_url}/@akte-mandant/20003", json={"title": "Firma GmbH"})
    data = {"file_number": "123/26", "client_number": "20003", "title": "Kaufvertrag"}
    first = api_session.put(f"{base_url}/@akte-mandat", json=data)
    assert first.status_code == 201, first.text
    assert first.json()["file_number"] == "123/26"
    again = api_session.put(f"{base_url}/@akte-mandat", json=data)
    assert again.status_code == 200 and again.json()["changed"] == []
    got = api_session.get(f"{base_url}/@akte-mandat", params={"file_number": "123/26"})
    assert got.json()["title"] == "Kaufvertrag"


def test_anonymous_gets_401(base_url):
    response = requests.put(
        f"{base_url}/@akte-mandant/1",
        json={"title": "x"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 401


def test_bad_requests_are_named(base_url, api_session):
    broken = api_session.put(
        f"{base_url}/@akte-mandat",
        data="{kein json",
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 400
    assert broken.json()["type"] == "ValidationError"
    items = api_session.put(f"{base_url}/@akte-mandat", json={"items": "nein"})
    assert items.status_code == 400
    assert items.json()["errors"][0]["field"] == "items"
    no_key = api_session.put(f"{base_url}/@akte-mandat", json={"title": "x"})
    assert no_key.status_code == 400
    assert no_key.json()["errors"][0]["field"] == "file_number"
    no_client = api_session.put(
        f"{base_url}/@akte-mandat", json={"file_number": "5/26", "title": "x"}
    )
    assert no_client.json()["errors"][0]["field"] == "client_number"
    unknown_client = api_session.put(
        f"{base_url}/@akte-mandat",
        json={"file_number": "5/26", "client_number": "nope", "title": "x"},
    )
    assert unknown_client.status_code == 404
    no_title = api_session.put(f"{base_url}/@akte-mandant/20009", json={})
    assert no_title.status_code == 400
    assert no_title.json()["errors"][0]["field"] == "title"
    assert (
        api_session.put(f"{base_url}/@akte-mandant", json={"title": "x"}).status_code
        == 400
    )
