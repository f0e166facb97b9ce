"""Issue 12 §3: every file that comes in is scanned by clamd (``AKTE_CLAMD``).

A real clamd (``conftest.py``) with the EICAR signature: EICAR is refused with a
German message on every way a file comes in and nothing is stored; a clean PDF is
stored; a configured but stopped clamd refuses uploads (fail closed); without
``AKTE_CLAMD`` the control panel warns.
"""

from base64 import b64encode
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.security.input_fixtures import CLIENT_PASSWORD
from tests.security.input_fixtures import cookie_session  # noqa: F401 - fixture
from tests.security.input_fixtures import portal_s  # noqa: F401 - fixture
from tests.security.input_fixtures import STAFF_PASSWORD
from tests.security.input_fixtures import url_of
from tests.security.test_uploads import documents
from tests.security.test_uploads import rest_post
from tests.security.test_uploads import tus_create
from tests.services.conftest import api_session  # noqa: F401 - fixture
from tests.services.conftest import api_token  # noqa: F401 - fixture
from tests.services.conftest import integration_user  # noqa: F401 - fixture
from tests.services.conftest import portal_f  # noqa: F401 - fixture
from tests.uploads.conftest import EICAR

import json
import logging
import pytest
import re
import requests


PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
INFECTED = "enthält Schadsoftware"
UNAVAILABLE = "Virenprüfung zurzeit nicht möglich"


def said(response):
    """What the answer says (JSON decoded, so umlauts are readable)."""
    if "json" in response.headers.get("Content-Type", ""):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.text


def token(session, url):
    page = session.get(url)
    assert page.status_code == 200, page.text[:300]
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)


def client_page(ctx, filename, data):
    session = ctx.login("mandant_a", CLIENT_PASSWORD)
    mandat = url_of(ctx.base_url, ctx.portal.mandat)
    return session.post(
        mandat + "/@@akte-hochladen",
        headers={"Accept": "application/json"},
        data={"_authenticator": token(session, mandat + "/@@akte-mandat")},
        files={"datei": (filename, data, "application/pdf")},
    )


def message_attachment(ctx, filename, data):
    session = ctx.login("mandant_a", CLIENT_PASSWORD)
    url = url_of(ctx.base_url, ctx.portal.mandat) + "/@@akte-nachricht-senden"
    return session.post(
        url,
        headers={"Accept": "application/json"},
        data={
            "betreff": "Unterlagen",
            "text": "Anbei die Unterlagen.",
            "_authenticator": token(session, url),
        },
        files={"anhang": (filename, data, "application/pdf")},
    )


def staff_add_form(ctx, filename, data):
    session = ctx.login("anwalt", STAFF_PASSWORD)
    url = url_of(ctx.base_url, ctx.portal.mandat) + "/++add++Dokument"
    return session.post(
        url,
        data={
            "form.widgets.title": "Rechnung",
            "form.widgets.direction:list": "kanzlei",
            "form.buttons.save": "Speichern",
        },
        # the add form carries no token: plone.protect checks the origin
        headers={"Origin": ctx.base_url.split("/plone")[0]},
        files={"form.widgets.file": (filename, data, "application/pdf")},
        allow_redirects=False,
    )


def rest_post_client(ctx, filename, data):
    return rest_post(ctx.base_url, ctx.portal.mandat, filename, data)


def api_dokument(ctx, filename, data):
    return ctx.api.put(
        f"{ctx.base_url}/@akte-dokument",
        json={
            "external_id": "DOK-1",
            "file_number": "1/26",
            "file": {
                "data": b64encode(data).decode(),
                "filename": filename,
                "content-type": "application/pdf",
            },
        },
    )


def api_tus_upload(ctx, filename, data):
    tus = {"Tus-Resumable": "1.0.0"}
    start = ctx.api.post(
        f"{ctx.base_url}/@akte-upload",
        headers={
            **tus,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": "filename " + b64encode(filename.encode()).decode(),
        },
    )
    assert start.status_code == 201, start.text
    patch = ctx.api.patch(
        start.headers["Location"],
        data=data,
        headers={
            **tus,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert patch.status_code == 204, patch.text
    return ctx.api.put(
        f"{ctx.base_url}/@akte-dokument",
        json={
            "external_id": "DOK-2",
            "file_number": "1/26",
            "file": {"upload": start.headers["Location"].rsplit("/", 1)[-1]},
        },
    )


def restapi_tus(ctx, filename, data):
    created = tus_create(ctx.base_url, ctx.portal.mandat, len(data), filename)
    assert created.status_code == 201, created.text[:500]
    return requests.patch(
        created.headers["Location"],
        auth=("mandant_a", CLIENT_PASSWORD),
        data=data,
        headers={
            "Accept": "application/json",
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=30,
    )


PATHS = [
    client_page,
    message_attachment,
    staff_add_form,
    rest_post_client,
    api_dokument,
    api_tus_upload,
    restapi_tus,
]


@pytest.fixture
def ctx(portal_s, base_url, cookie_session, api_session):  # noqa: F811
    class Context:
        pass

    context = Context()
    context.portal, context.base_url = portal_s, base_url
    context.login, context.api = cookie_session, api_session
    return context


@pytest.mark.parametrize("upload", PATHS, ids=lambda path: path.__name__)
def test_eicar_is_refused_and_nothing_stored(ctx, clamd, upload, caplog):
    before = documents(ctx.portal.mandat)
    with caplog.at_level(logging.WARNING, logger="kanzlei.akte"):
        response = upload(ctx, "rechnung.pdf", EICAR)
    assert response.status_code == 422, response.text[:500]
    assert INFECTED in said(response)
    assert documents(ctx.portal.mandat) == before
    [record] = [r for r in caplog.records if "virus found" in r.getMessage()]
    assert "Eicar-Test-Signature" in record.getMessage()
    assert "user=" in record.getMessage() and "/akte-" in record.getMessage()
    assert "EICAR-STANDARD" not in record.getMessage()


# (a plain-HTTP POST of the add form stores nothing even for a clean file:
# plone.protect aborts it, the form carries no CSRF token; the in-process staff
# browser tests cover it)
@pytest.mark.parametrize(
    "upload",
    [path for path in PATHS if path is not staff_add_form],
    ids=lambda path: path.__name__,
)
def test_clean_pdf_is_stored(ctx, clamd, upload):
    response = upload(ctx, "rechnung.pdf", PDF)
    assert response.status_code < 400, response.text[:500]
    assert "rechnung.pdf" in documents(ctx.portal.mandat)


@pytest.mark.parametrize(
    "upload", [client_page, api_dokument], ids=lambda path: path.__name__
)
def test_stopped_clamd_refuses_uploads(ctx, clamd, upload, caplog):
    before = documents(ctx.portal.mandat)
    clamd.stop()
    with caplog.at_level(logging.WARNING, logger="kanzlei.akte"):
        response = upload(ctx, "rechnung.pdf", PDF)
    assert response.status_code == 503, response.text[:500]
    assert UNAVAILABLE in said(response)
    assert documents(ctx.portal.mandat) == before
    assert any("scanner unavailable" in r.getMessage() for r in caplog.records)


def control_panel(ctx):
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = session.get(ctx.base_url + "/@@kanzlei-settings")
    assert page.status_code == 200, page.text[:300]
    return page.text


def test_control_panel_warns_without_scanner(ctx, monkeypatch):
    monkeypatch.delenv("AKTE_CLAMD", raising=False)
    assert "nicht auf Viren geprüft" in control_panel(ctx)


def test_control_panel_quiet_with_scanner(ctx, clamd):
    assert "nicht auf Viren geprüft" not in control_panel(ctx)
