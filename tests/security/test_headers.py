"""Issue 11, 1.12: security headers of every response, checked over real HTTP.

Pages: ``nosniff``, a CSP (strict for clients and anonymous visitors, one that
Plone's Classic UI tolerates for staff), ``Referrer-Policy``; for logged-in users
``Cache-Control: private, no-store``. Files (``@@download``, ``@@display-file``,
image scales, ``@@akte-datei``, streamed ZIPs): the same, and ``attachment``
for every type but PDF, PNG, JPEG, GIF and WebP. ``X-Powered-By`` is dropped by
the WSGI filter of the instance's pipeline.
"""

from kanzlei.akte.security.headers import CLIENT_CSP
from kanzlei.akte.security.headers import STAFF_CSP
from kanzlei.akte.security.wsgi import strip_headers_filter
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from tests.client.conftest import PNG
from tests.security.conftest import json_get
from webtest.http import StopableWSGIServer
from ZPublisher.WSGIPublisher import publish_module

import configparser
import pytest
import requests
import transaction


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
INSTANCE_TEMPLATES = Path(__file__).parents[2] / "instance" / "templates"


@pytest.fixture
def files(firm):
    """Documents of client A (HTML, SVG, PDF, PNG) and site images (PNG, SVG)."""
    portal = firm["portal"]
    result = {}
    with api.env.adopt_roles(["Manager"]):
        for name, data, mime in (
            ("seite.html", b"<script>alert(1)</script>", "text/html"),
            ("bild.svg", SVG, "image/svg+xml"),
            ("brief.pdf", b"%PDF-1.4 brief", "application/pdf"),
            ("foto.png", PNG, "image/png"),
        ):
            result[name] = api.content.create(
                container=firm["mandat_a"],
                type="Dokument",
                title=name,
                file=NamedBlobFile(data=data, filename=name, contentType=mime),
                category="Sonstiges",
            )
        for name, data, mime in (
            ("logo.png", PNG, "image/png"),
            ("logo.svg", SVG, "image/svg+xml"),
        ):
            result[name] = api.content.create(
                container=portal,
                type="Image",
                id=name.replace(".", "-"),
                title=name,
                image=NamedBlobImage(data=data, filename=name, contentType=mime),
            )
    transaction.commit()
    return result


def assert_common(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response.headers or (
        response.headers["Content-Type"].startswith("application/pdf")
    )


def assert_private(response):
    assert response.headers["Cache-Control"] == "private, no-store"


def disposition(response):
    return response.headers.get("Content-Disposition", "").split(";")[0]


def test_client_pages(client_a, firm, base_url):
    for url in (
        f"{base_url}/@@meine-akte",
        firm["mandat_a"].absolute_url(),
        f"{base_url}/@@meine-daten",
        firm["mandat_a"].absolute_url() + "/@@akte-nachricht-senden",
    ):
        response = client_a.get(url)
        assert response.status_code == 200, url
        assert_common(response)
        assert_private(response)
        assert response.headers["Content-Security-Policy"] == CLIENT_CSP
        assert "'unsafe-eval'" not in CLIENT_CSP
        assert "script-src 'self';" in CLIENT_CSP + ";"


def test_staff_pages(staff, firm):
    response = staff.get(firm["mandat_a"].absolute_url())
    assert response.status_code == 200
    assert_common(response)
    assert_private(response)
    assert response.headers["Content-Security-Policy"] == STAFF_CSP


def test_anonymous_pages(anonymous, base_url):
    for url in (f"{base_url}/login", f"{base_url}/gibt-es-nicht"):
        response = anonymous.get(url, headers={"Accept": "text/html"})
        assert_common(response)
        assert response.headers["Content-Security-Policy"] == CLIENT_CSP


def test_rest_and_error_responses(client_a, firm, base_url):
    for url in (firm["mandat_a"].absolute_url(), f"{base_url}/gibt-es-nicht"):
        response = json_get(client_a, url)
        assert_common(response)
        assert_private(response)
    assert response.status_code == 404


@pytest.mark.parametrize("view", ["@@download/file", "@@display-file/file"])
@pytest.mark.parametrize(
    "name,inline",
    [
        ("seite.html", False),
        ("bild.svg", False),
        ("brief.pdf", True),
        ("foto.png", True),
    ],
)
def test_plone_file_views(client_a, files, view, name, inline):
    response = client_a.get(f"{files[name].absolute_url()}/{view}")
    assert response.status_code == 200
    assert_common(response)
    assert_private(response)
    if view.startswith("@@display-file") and inline:
        assert disposition(response) in ("", "inline")
    else:
        assert disposition(response) == "attachment"
        assert name in response.headers["Content-Disposition"]


@pytest.mark.parametrize("name", ["seite.html", "bild.svg", "brief.pdf"])
def test_akte_datei(client_a, files, name):
    response = client_a.get(f"{files[name].absolute_url()}/@@akte-datei?inline=1")
    assert_common(response)
    assert_private(response)
    assert disposition(response) == ("inline" if name == "brief.pdf" else "attachment")


@pytest.mark.parametrize(
    "path,inline",
    [
        ("logo-png/@@images/image", True),
        ("logo-png/@@images/image/thumb", True),
        ("logo-svg/@@images/image", False),
        ("logo-svg/@@images/image/thumb", False),
        ("logo-svg/@@display-file/image", False),
    ],
)
def test_image_scales(manager, files, base_url, path, inline):
    response = manager.get(f"{base_url}/{path}")
    assert response.status_code == 200
    assert_common(response)
    assert_private(response)
    assert (disposition(response) != "attachment") is inline
    if not inline:
        assert response.headers["Content-Security-Policy"].endswith("sandbox")


def test_streamed_zip(client_a, files):
    response = client_a.get(files["brief.pdf"].aq_parent.absolute_url() + "/@@akte-zip")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert_common(response)
    assert_private(response)
    assert disposition(response) == "attachment"


def test_static_resources_stay_cacheable(client_a, base_url):
    page = client_a.get(f"{base_url}/@@meine-akte").text
    start = page.index("++plone++kanzlei.akte.client/akte.css")
    url = page[page.rindex('"', 0, start) + 1 : page.index('"', start)]
    response = client_a.get(url)
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def stripped_server(functional):
    """The site behind the instance's WSGI filter, on its own real HTTP port."""
    app = strip_headers_filter({})(publish_module)
    server = StopableWSGIServer.create(app)
    yield f"http://localhost:{server.effective_port}/plone"
    server.shutdown()


def test_no_x_powered_by(firm, base_url, stripped_server):
    # Zope itself sends it on every response ...
    assert "X-Powered-By" in requests.get(f"{base_url}/login").headers
    # ... the filter in front of it drops it, and nothing else.
    response = requests.get(f"{stripped_server}/login")
    assert response.status_code == 200
    assert "X-Powered-By" not in response.headers
    assert response.headers["Content-Security-Policy"] == CLIENT_CSP


def test_instance_pipeline_has_the_filter():
    ini = configparser.ConfigParser(interpolation=None)
    ini.read_string((INSTANCE_TEMPLATES / "zope.ini.in").read_text())
    pipeline = ini["pipeline:main"]["pipeline"].split()
    filters = {
        name: ini[f"filter:{name}"]["use"]
        for name in pipeline
        if ini.has_section(f"filter:{name}")
    }
    assert "call:kanzlei.akte.security.wsgi:strip_headers_filter" in filters.values()
    assert pipeline[-1] == "zope"
