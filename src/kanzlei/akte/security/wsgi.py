"""WSGI filter: drop the ``X-Powered-By`` header Zope adds to every response.

ZPublisher's ``HTTPBaseResponse.listHeaders`` puts
``X-Powered-By: Zope (www.zope.dev), Python (www.python.org)`` in front of the
headers when the response is finalised, after every publication event, and
neither zope.conf nor the response offer a switch. This filter is the one place
that removes it (the other security headers are set in ``security/headers.py``).

Used in ``instance/templates/zope.ini.in``::

    [filter:security_headers]
    use = call:kanzlei.akte.security.wsgi:strip_headers_filter
"""

STRIPPED = frozenset({"x-powered-by"})


def strip_headers_filter(global_conf, **local_conf):
    """PasteDeploy filter factory."""
    return StripHeaders


class StripHeaders:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def strip(status, headers, exc_info=None):
            kept = [(k, v) for k, v in headers if k.lower() not in STRIPPED]
            return start_response(status, kept, exc_info)

        return self.app(environ, strip)
