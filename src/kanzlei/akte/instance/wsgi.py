"""WSGI filter: a visitor of the Zope root is led to the firm's site.

Plone shows its "sites overview" at the Zope root. The firm's visitors should
land on the Online-Akte instead, so ``GET /`` (and ``HEAD /``) answer with a
redirect to ``/<site_id>``. Every other path, the ZMI (``/manage``) included,
passes unchanged. Behind a proxy that rewrites to the site with the
VirtualHostMonster the path is never ``/``, so the filter stays out of the way.

Used in ``instance/etc/zope.ini``::

    [filter:root_redirect]
    use = call:kanzlei.akte.instance.wsgi:root_redirect_filter
    site_id = kanzlei
"""

from wsgiref.util import application_uri

import json


def root_redirect_filter(global_conf, site_id):
    """PasteDeploy filter factory."""

    def make_filter(app):
        return RootRedirect(app, site_id)

    return make_filter


class RootRedirect:
    def __init__(self, app, site_id: str):
        self.app = app
        self.site_id = site_id

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO", "") in ("", "/") and method in ("GET", "HEAD"):
            location = application_uri(environ).rstrip("/") + "/" + self.site_id
            body = location.encode()
            start_response(
                "302 Found",
                [
                    ("Location", location),
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store"),
                ],
            )
            # A response to HEAD has no body: on a kept-alive connection the
            # client would read it as the start of the next response.
            return [] if method == "HEAD" else [body]
        return self.app(environ, start_response)


BAD_PATH_MESSAGE = "Die Adresse enthält ungültige Zeichen (kein UTF-8)."


def bad_request_filter(global_conf):
    """PasteDeploy filter factory: refuse undecodable paths (``/%ff``) with 400."""
    return BadRequestFilter


class BadRequestFilter:
    """Zope decodes ``PATH_INFO`` as UTF-8 before anything can handle an error: a
    path that is no UTF-8 would end in a 500 with a traceback. Answer 400 with a
    German message (JSON when the caller asks for it) instead."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            if "application/json" in environ.get("HTTP_ACCEPT", ""):
                body = json.dumps(
                    {"type": "BadRequest", "message": BAD_PATH_MESSAGE}
                ).encode()
                content_type = "application/json"
            else:
                body = BAD_PATH_MESSAGE.encode()
                content_type = "text/plain; charset=utf-8"
            start_response(
                "400 Bad Request",
                [("Content-Type", content_type), ("Content-Length", str(len(body)))],
            )
            return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
        return self.app(environ, start_response)
