"""The WSGI filter that leads a visitor of the Zope root to the firm's site."""

from kanzlei.akte.instance.wsgi import root_redirect_filter
from kanzlei.akte.instance.wsgi import RootRedirect
from wsgiref.util import setup_testing_defaults

import pytest


class App:
    """Stands in for Zope: records what reached it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ["REQUEST_METHOD"], environ.get("PATH_INFO")))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"zope"]


def call(app, method="GET", path="/", **environ):
    environ.update(REQUEST_METHOD=method, PATH_INFO=path)
    setup_testing_defaults(environ)
    response = {}

    def start_response(status, headers, exc_info=None):
        response["status"] = status
        response["headers"] = dict(headers)

    body = b"".join(app(environ, start_response))
    return response["status"], response["headers"], body


@pytest.fixture
def zope():
    return App()


@pytest.fixture
def app(zope):
    return root_redirect_filter({}, site_id="kanzlei")(zope)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", ["/", ""])
def test_root_redirects_to_site(app, zope, method, path):
    status, headers, body = call(
        app, method, path, HTTP_HOST="localhost:8080", SERVER_PORT="8080"
    )
    assert status == "302 Found"
    assert headers["Location"] == "http://localhost:8080/kanzlei"
    assert headers["Cache-Control"] == "no-store"
    assert body == b"http://localhost:8080/kanzlei"
    assert zope.calls == []


def test_redirect_keeps_scheme_and_host(app):
    _status, headers, _body = call(
        app, HTTP_HOST="akte.example.org", **{"wsgi.url_scheme": "https"}
    )
    assert headers["Location"] == "https://akte.example.org/kanzlei"


def test_redirect_below_script_name(app):
    _status, headers, _body = call(app, HTTP_HOST="localhost", SCRIPT_NAME="/portal")
    assert headers["Location"] == "http://localhost/portal/kanzlei"


def test_site_id_from_filter_config(zope):
    app = root_redirect_filter({"here": "/x"}, site_id="akte")(zope)
    assert isinstance(app, RootRedirect)
    _status, headers, _body = call(app, HTTP_HOST="localhost")
    assert headers["Location"] == "http://localhost/akte"


@pytest.mark.parametrize(
    "path",
    ["/manage", "/manage_main", "/kanzlei", "/kanzlei/", "/@@akte-login", "//"],
)
def test_other_paths_pass(app, zope, path):
    status, _headers, body = call(app, "GET", path)
    assert status == "200 OK"
    assert body == b"zope"
    assert zope.calls == [("GET", path)]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PROPFIND"])
def test_other_methods_on_root_pass(app, zope, method):
    status, _headers, body = call(app, method, "/")
    assert status == "200 OK"
    assert body == b"zope"
    assert zope.calls == [(method, "/")]
