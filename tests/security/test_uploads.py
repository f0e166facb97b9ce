"""Item 7: one set of upload rules for every way a file comes in.

Size (``max_upload_mb``), allowed types (``allowed_upload_extensions``, for clients),
safe file names and the server-set fields ``direction``, ``added_by``, ``external_id``
hold for ``++add++Dokument``, a REST ``POST`` of a Dokument, plone.restapi's
``@tus-upload`` and our own views alike.
"""

from base64 import b64encode
from kanzlei.akte.uploads.names import sanitize_name
from plone import api
from tests.security.input_fixtures import CLIENT_PASSWORD
from tests.security.input_fixtures import cookie_session  # noqa: F401 - fixture
from tests.security.input_fixtures import portal_s  # noqa: F401 - fixture
from tests.security.input_fixtures import url_of
from tests.services.conftest import api_session  # noqa: F401 - fixture
from tests.services.conftest import api_token  # noqa: F401 - fixture
from tests.services.conftest import integration_user  # noqa: F401 - fixture
from tests.services.conftest import portal_f  # noqa: F401 - fixture

import pytest
import requests
import transaction


CLIENT = ("mandant_a", CLIENT_PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
MB = 1024 * 1024


@pytest.fixture
def one_mb(portal_s):  # noqa: F811
    api.portal.set_registry_record("kanzlei.akte.max_upload_mb", 1)
    transaction.commit()
    return portal_s


def documents(mandat):
    transaction.begin()
    return sorted(
        obj.file.filename
        for obj in mandat.objectValues()
        if obj.portal_type == "Dokument"
    )


def rest_post(base_url, mandat, filename, data, auth=CLIENT, **fields):
    return requests.post(
        url_of(base_url, mandat),
        auth=auth,
        headers=JSON,
        json={
            "@type": "Dokument",
            "title": "Beleg",
            "file": {
                "data": b64encode(data).decode(),
                "encoding": "base64",
                "filename": filename,
                "content-type": "application/octet-stream",
            },
            **fields,
        },
        timeout=60,
    )


def assert_german_error(response, status):
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) >= {"type", "message"}
    assert "traceback" not in body
    return body["message"]


# --- REST POST ---------------------------------------------------------------


def test_rest_post_refuses_exe(one_mb, base_url):
    before = documents(one_mb.mandat)
    message = assert_german_error(
        rest_post(base_url, one_mb.mandat, "tool.exe", b"MZ" * 1000), 415
    )
    assert "Dateityp ist nicht erlaubt" in message
    assert documents(one_mb.mandat) == before


def test_rest_post_refuses_too_large(one_mb, base_url):
    before = documents(one_mb.mandat)
    message = assert_german_error(
        rest_post(base_url, one_mb.mandat, "gross.pdf", b"%PDF" + b"x" * 2 * MB), 413
    )
    assert "größer als 1 MB" in message
    assert documents(one_mb.mandat) == before


def test_rest_post_sanitizes_the_name_handed_to_the_firm(
    one_mb,
    base_url,
    api_session,  # noqa: F811
):
    name = "../../../etc/\u202epasswd\x07\"'.pdf"
    response = rest_post(base_url, one_mb.mandat, name, b"%PDF-1.4 beleg")
    assert response.status_code == 201, response.text[:500]
    inbox = api_session.get(f"{base_url}/@akte-eingang").json()
    names = [item["file"]["filename"] for item in inbox["items"] if item.get("file")]
    assert names == ["passwd_.pdf"]


def test_client_cannot_set_server_fields(one_mb, base_url):
    response = rest_post(
        base_url,
        one_mb.mandat,
        "beleg.pdf",
        b"%PDF-1.4 beleg",
        external_id="DOK-4711",
    )
    assert_german_error(response, 403)
    assert "beleg.pdf" not in documents(one_mb.mandat)

    response = rest_post(
        base_url,
        one_mb.mandat,
        "beleg.pdf",
        b"%PDF-1.4 beleg",
        direction="kanzlei",
        added_by="anwalt",
    )
    assert response.status_code == 201, response.text[:500]
    transaction.begin()
    doc = one_mb.mandat[response.json()["id"]]
    assert (doc.direction, doc.added_by, doc.external_id) == (
        "mandant",
        "mandant_a",
        None,
    )


def test_staff_may_set_external_id_and_any_type(one_mb, base_url):
    response = rest_post(
        base_url,
        one_mb.mandat,
        "akte.xml",
        b"<akte/>",
        auth=("anwalt", "Kanzlei-Test-Passwort-2026"),
        external_id="DOK-4711",
    )
    assert response.status_code == 201, response.text[:500]


# --- ++add++Dokument (Classic UI) ------------------------------------------------


def add_form_post(session, base_url, mandat, filename, data, **fields):
    add_url = url_of(base_url, mandat) + "/++add++Dokument"
    form = session.get(add_url)
    assert form.status_code == 200, form.text[:300]
    values = {
        "form.widgets.title": "Beleg",
        "form.widgets.direction:list": "mandant",
        "form.buttons.save": "Speichern",
        **fields,
    }
    return session.post(
        add_url,
        data=values,
        headers={"Origin": base_url.split("/plone")[0]},  # as a browser sends it
        files={"form.widgets.file": (filename, data, "application/octet-stream")},
    )


@pytest.mark.parametrize(
    "filename, data, fields, message",
    [
        ("tool.exe", b"MZ" * 99, {}, "Dieser Dateityp ist nicht erlaubt"),
        ("gross.pdf", b"%PDF" + b"x" * 2 * MB, {}, "größer als 1 MB"),
        (
            "beleg.pdf",
            b"%PDF-1.4 beleg",
            {"form.widgets.external_id": "DOK-4711"},
            "vergibt nur die Kanzlei",
        ),
    ],
    ids=["exe", "too-large", "external-id"],
)
def test_add_form_refuses_with_a_german_message(
    one_mb,
    cookie_session,  # noqa: F811
    base_url,
    filename,
    data,
    fields,
    message,
):
    session = cookie_session("mandant_a", CLIENT_PASSWORD)
    before = documents(one_mb.mandat)
    response = add_form_post(session, base_url, one_mb.mandat, filename, data, **fields)
    assert message in response.text
    assert documents(one_mb.mandat) == before


# --- plone.restapi's TUS -----------------------------------------------------------


def tus_create(base_url, mandat, length, filename="beleg.pdf"):
    meta = ",".join(
        f"{key} {b64encode(value.encode()).decode()}"
        for key, value in (
            ("filename", filename),
            ("content-type", "application/pdf"),
            ("@type", "Dokument"),
        )
    )
    return requests.post(
        url_of(base_url, mandat) + "/@tus-upload",
        auth=CLIENT,
        headers={
            "Accept": "application/json",
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": meta,
        },
        timeout=30,
    )


def test_tus_refuses_length_over_the_limit_at_creation(one_mb, base_url):
    message = assert_german_error(tus_create(base_url, one_mb.mandat, 2 * MB), 413)
    assert "größer als 1 MB" in message


def test_tus_refuses_exe_at_creation(one_mb, base_url):
    message = assert_german_error(
        tus_create(base_url, one_mb.mandat, 1000, filename="tool.exe"), 415
    )
    assert "Dateityp ist nicht erlaubt" in message


def test_tus_upload_stores_a_safe_name(one_mb, base_url):
    data = b"%PDF-1.4 tus"
    created = tus_create(
        base_url, one_mb.mandat, len(data), filename="..\\..\\win.ini.pdf"
    )
    assert created.status_code == 201, created.text[:500]
    patched = requests.patch(
        created.headers["Location"],
        auth=CLIENT,
        data=data,
        headers={
            "Accept": "application/json",
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=30,
    )
    assert patched.status_code == 204, patched.text[:500]
    assert "win.ini.pdf" in documents(one_mb.mandat)


# --- the name rules themselves -----------------------------------------------------


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("../../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\brief.pdf", "brief.pdf"),
        ("rechnung\u202efdp.exe", "rechnungfdp.exe"),
        ("a\u200bb\u2066c.pdf", "abc.pdf"),
        ("zeile\r\numbruch.pdf", "zeile_umbruch.pdf"),
        ("\"zitat\" 'x'.pdf", "_zitat_ _x_.pdf"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
        ("...", "datei"),
    ],
)
def test_sanitize_name(raw, safe):
    assert sanitize_name(raw) == safe
