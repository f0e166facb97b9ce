"""The WSGI filter that leads a visitor of the Zope root to the firm's site."""

from kanzlei.akte.instance.wsgi import root_redirect_filter
from kanzlei.akte.instance.wsgi import RootRedirect
from wsgiref.util import setup_testing_defaults

import http.client
import pytest
import threading


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
    assert headers["Content-Length"] == str(len(b"http://localhost:8080/kanzlei"))
    assert body == (b"" if method == "HEAD" else b"http://localhost:8080/kanzlei")
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


def test_through_waitress_on_one_kept_alive_connection(app, zope):
    """As runwsgi serves it: HEAD / has no body, so the next answer is intact."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    connection = http.client.HTTPConnection("127.0.0.1", server.effective_port, 10)
    try:
        answers = []
        for method, path in [("HEAD", "/"), ("GET", "/"), ("GET", "/manage")]:
            connection.request(method, path, headers={"Host": "localhost:8080"})
            response = connection.getresponse()
            answers.append((response.status, response.getheader("Location")))
            answers.append(response.read())
        assert answers == [
            (302, "http://localhost:8080/kanzlei"),
            b"",
            (302, "http://localhost:8080/kanzlei"),
            b"http://localhost:8080/kanzlei",
            (200, None),
            b"zope",
        ]
        connection.request("POST", "/", body=b"x=1")
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"zope")
        assert zope.calls == [("GET", "/manage"), ("POST", "/")]
    finally:
        connection.close()
        server.close()
        thread.join(10)
