"""Item 11: what a client or integrator gets wrong is a 4xx with a German message
(JSON ``type``/``message`` for the API), never a 500, never a traceback; every text
field is bounded on every path; the log never holds the request body.
"""

from configparser import ConfigParser
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.security.input_fixtures import CLIENT_PASSWORD
from tests.security.input_fixtures import cookie_session  # noqa: F401 - fixture
from tests.security.input_fixtures import portal_s  # noqa: F401 - fixture
from tests.security.input_fixtures import url_of
from wsgiref.util import setup_testing_defaults
from ZPublisher.WSGIPublisher import publish_module

import json
import logging
import pytest
import re
import requests
import transaction


CLIENT = ("mandant_a", CLIENT_PASSWORD)
ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
HTML = {"Accept": "text/html"}
ENGLISH = ("error", "Error", "Traceback", "sorry", "expected")


def assert_api_error(response, status=400):
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert body["type"] and body["message"]
    assert "traceback" not in body and "Traceback" not in response.text
    assert not any(word in body["message"] for word in ENGLISH), body["message"]
    return body


def messages(mandat):
    transaction.begin()
    return [obj for obj in mandat.objectValues() if obj.portal_type == "Nachricht"]


# --- form values Zope converts ----------


def test_unconvertible_form_value_is_a_400(portal_s, base_url):  # noqa: F811
    body = assert_api_error(
        requests.get(f"{base_url}/?x:int=abc", auth=CLIENT, headers=JSON)
    )
    assert "erwartete Form" in body["message"]
    page = requests.get(f"{base_url}/?x:int=abc", auth=CLIENT, headers=HTML)
    assert page.status_code == 400
    assert "erwartete Form" in page.text and "Traceback" not in page.text


@pytest.mark.parametrize(
    "query",
    ["d:date=kein-datum", "x:float=eins", "x:json={kaputt", "x:required="],
)
def test_other_converters_are_400(portal_s, base_url, query):  # noqa: F811
    assert_api_error(requests.get(f"{base_url}/?{query}", auth=CLIENT, headers=JSON))


def test_classic_page_error_is_german_and_without_traceback(portal_s, base_url):  # noqa: F811
    page = requests.get(
        f"{base_url}/@@search?b_start=abc",  # Plone's own search page
        auth=CLIENT,
        headers=HTML,
    )
    assert page.status_code == 400
    assert "Das hat leider nicht geklappt" in page.text
    assert "Traceback" not in page.text and "ValueError" not in page.text


def test_repeated_search_parameter(portal_s, base_url):  # noqa: F811
    page = requests.get(
        url_of(base_url, portal_s.mandat) + "/@@akte-mandat?q=a&q=b",
        auth=CLIENT,
        headers=HTML,
    )
    assert page.status_code == 200


# --- paths that are no UTF-8 (before Zope) ----------


def wsgi_call(app, path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_ACCEPT": "*/*"}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    body = b"".join(app(environ, start_response))
    return seen["status"], body


def test_undecodable_path_is_a_400(portal_s):  # noqa: F811
    """The filter in front of the real Zope publisher (as in zope.ini)."""
    from kanzlei.akte.instance.wsgi import bad_request_filter

    app = bad_request_filter({})(publish_module)
    status, body = wsgi_call(app, "/plone/\xff")  # "/plone/%ff", latin-1 per PEP 3333
    assert status.startswith("400")
    assert "ungültige Zeichen" in body.decode()
    status, _body = wsgi_call(app, "/plone/login")
    assert status.startswith("200")


def test_zope_ini_uses_the_filter():
    template = Path(__file__).parents[2] / "instance/templates/zope.ini.in"
    ini = ConfigParser(interpolation=None)
    ini.read_string(template.read_text())
    assert "bad_request" in ini["pipeline:main"]["pipeline"].split()
    assert ini["filter:bad_request"]["use"].endswith("wsgi:bad_request_filter")


# --- JSON bodies ----------


def test_malformed_json_to_login_is_a_400_and_not_logged(portal_s, base_url, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    response = requests.post(
        f"{base_url}/@login",
        data='{"login": "mandant_a", "password": "GEHEIM-4711"',
        headers=JSON,
    )
    body = assert_api_error(response)
    assert "JSON" in body["message"]
    assert "GEHEIM-4711" not in caplog.text


def test_malformed_json_to_a_content_post(portal_s, base_url):  # noqa: F811
    response = requests.post(
        url_of(base_url, portal_s.mandat), data="{kaputt", headers=JSON, auth=CLIENT
    )
    assert_api_error(response)


def test_deeply_nested_json(portal_s, base_url):  # noqa: F811
    for url, auth in (
        (f"{base_url}/@akte-mandant/10001", ADMIN),
        (url_of(base_url, portal_s.mandat), CLIENT),
    ):
        response = requests.request(
            "PUT" if "@akte" in url else "POST",
            url,
            data='{"a":' * 50000,
            headers=JSON,
            auth=auth,
        )
        body = assert_api_error(response)
        assert "verschachtelt" in body["message"] or "JSON" in body["message"]


def test_negative_batch_size_and_bad_dates_in_search(portal_s, base_url):  # noqa: F811
    for query in ("b_size=-1", "created.query=abc&created.range=min"):
        assert_api_error(
            requests.get(f"{base_url}/@search?{query}", auth=CLIENT, headers=JSON)
        )


# --- bounded and valid text on every path ----------


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Frage", "text": "y" * 5_000_000},
        {"title": "x" * 5000, "text": "Hallo"},
        {"title": "Frage\udcff", "text": "Hallo"},
        {"title": "Frage", "text": "Hallo\x00\x1b[31m"},
    ],
    ids=["5-mb-text", "long-subject", "lone-surrogate", "control-characters"],
)
def test_rest_message_text_is_bounded_and_valid(portal_s, base_url, fields):  # noqa: F811
    response = requests.post(
        url_of(base_url, portal_s.mandat),
        data=json.dumps({"@type": "Nachricht", **fields}),
        headers=JSON,
        auth=CLIENT,
    )
    assert_api_error(response)
    assert messages(portal_s.mandat) == []


def test_subject_with_invalid_bytes_refused_and_export_works(
    portal_s,  # noqa: F811
    cookie_session,  # noqa: F811
    base_url,
):
    session = cookie_session("mandant_a", CLIENT_PASSWORD)
    url = url_of(base_url, portal_s.mandat) + "/@@akte-nachricht-senden"
    token = re.search(
        r'name="_authenticator" value="([0-9a-f]+)"', session.get(url).text
    )
    response = session.post(
        url,
        data=b"betreff=%FF%FEBetreff&text=Hallo&_authenticator="
        + token.group(1).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": base_url.split("/plone")[0],
        },
    )
    assert_api_error(response)
    assert messages(portal_s.mandat) == []
    export = session.get(f"{base_url}/@@meine-daten-herunterladen")
    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("application/zip")


# --- Plone views that answered 500 (found by the isolation matrix) ----------


@pytest.mark.parametrize("auth", [CLIENT, None], ids=["client", "anonymous"])
def test_plone_helper_views_answer_4xx(portal_s, base_url, auth):  # noqa: F811
    mandat = url_of(base_url, portal_s.mandat)
    for url, params, status in (
        (f"{mandat}/@@babel_utils", {}, {401, 404}),
        (f"{mandat}/@@+", {}, {401, 404}),
        (
            f"{base_url}/@@getVocabulary",
            {"name": "plone.app.vocabularies.Catalog", "query": "geheim"},
            {400},
        ),
    ):
        page = requests.get(url, params=params, auth=auth, headers=HTML)
        login = auth is None and "/login?came_from=" in page.url
        assert page.status_code in status or login, (url, page.status_code, page.url)
        assert "Traceback" not in page.text
        assert "Es ist ein Fehler aufgetreten" not in page.text, url  # no 500 page
    body = assert_api_error(
        requests.get(
            f"{base_url}/@vocabularies/plone.app.content.ValidAddableTypes",
            auth=auth,
            headers=JSON,
        )
    )
    assert "nicht abgerufen werden" in json.dumps(body, ensure_ascii=False)
