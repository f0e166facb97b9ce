"""Security headers of every response of a site with kanzlei.akte installed.

One place for all of them: the subscribers below run at the end of each
publication (``IPubEnd``: success and failure, after the transaction, before
Zope lists the headers) and before the first byte of a streamed response
(``IPubBeforeStreaming``: our ZIPs), for requests of our browser layer only.

Every response gets
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin``;
- a Content-Security-Policy. HTML pages of clients and anonymous visitors get the
  strict one (scripts only from the portal itself). Plone's Classic UI for staff
  (TinyMCE, the pattern slider, folder_contents' structure pattern) compiles
  underscore templates at run time and puts scripts and styles inline, so pages
  of users with a staff role get a policy Plone tolerates ('unsafe-inline',
  'unsafe-eval' for scripts), still limited to the portal's own origin. Anything
  that is not HTML gets ``default-src 'none'`` (a PDF viewer excepted);
- ``Cache-Control: private, no-store`` on everything but the portal's static
  resources (also for anonymous visitors: a 404 in traversal is answered before
  Zope knows who asked, and nothing of this portal belongs in a shared cache).

File responses (``@@download``, ``@@display-file``, image scales, ``@@akte-datei``
or anything else that sends a ``Content-Disposition``) are shown inline only for
the types of ``INLINE_TYPES``; everything else becomes ``attachment``.

``X-Powered-By`` is added by ZPublisher's ``HTTPBaseResponse.listHeaders`` after
these subscribers ran, without a setting to turn it off: the WSGI filter in
``security/wsgi.py`` drops it (``instance/templates/zope.ini.in``).
"""

from kanzlei.akte.accounts import staff
from kanzlei.akte.browser.client.common import SAFE_INLINE_TYPES
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from plone.namedfile.browser import Download
from plone.namedfile.scaling import ImageScale
from zope.component.hooks import getSite
from zope.globalrequest import getRequest


INLINE_TYPES = frozenset(SAFE_INLINE_TYPES)

COMMON_DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
)
# Client pages and anonymous visitors: no inline or evaluated script at all.
CLIENT_CSP = "; ".join(
    (*COMMON_DIRECTIVES, "script-src 'self'", "style-src 'self' 'unsafe-inline'")
)
# Plone's Classic UI for staff needs inline scripts/styles and eval (mockup).
STAFF_CSP = "; ".join(
    (
        *COMMON_DIRECTIVES,
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "frame-src 'self'",
        "worker-src 'self' blob:",
    )
)
# Everything that is not a page: nothing may run in it.
FILE_CSP = "default-src 'none'; frame-ancestors 'self'; sandbox"

STATIC_PREFIXES = ("++plone++", "++resource++", "++theme++", "++webresource++")
FILE_VIEWS = (Download, ImageScale)


def media_type(response):
    value = response.getHeader("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def is_staff(request):
    user = request.get("AUTHENTICATED_USER")
    portal = getSite()
    if user is None or portal is None or not user.getId():
        return False
    return staff.is_staff(portal, user=user)


def is_static(request):
    path = request.get("PATH_INFO") or ""
    return any(f"/{prefix}" in path for prefix in STATIC_PREFIXES)


def is_file_response(request, response):
    published = request.get("PUBLISHED")
    published = getattr(published, "__self__", published)
    return isinstance(published, FILE_VIEWS) or bool(
        response.getHeader("Content-Disposition")
    )


def attachment(disposition):
    """``inline; filename=…`` → ``attachment; filename=…`` (file name kept)."""
    kind, _sep, params = (disposition or "").partition(";")
    if kind.strip().lower() == "attachment":
        return disposition
    return "attachment" + (f";{params}" if params.strip() else "")


def content_security_policy(request, response):
    mime = media_type(response)
    if mime in ("text/html", "application/xhtml+xml"):
        return STAFF_CSP if is_staff(request) else CLIENT_CSP
    if mime == "application/pdf":
        return None  # the browser's PDF viewer does not run in a sandbox
    return FILE_CSP


def apply_headers(request, response):
    response.setHeader("X-Content-Type-Options", "nosniff")
    if not response.getHeader("Referrer-Policy"):  # e.g. no-referrer on @@registrierung
        response.setHeader("Referrer-Policy", "same-origin")
    policy = content_security_policy(request, response)
    if policy:
        response.setHeader("Content-Security-Policy", policy)
    file_response = is_file_response(request, response)
    delivered = response.getStatus() < 300  # an error page stays a page
    if delivered and file_response and media_type(response) not in INLINE_TYPES:
        response.setHeader(
            "Content-Disposition",
            attachment(response.getHeader("Content-Disposition")),
        )
    if file_response or not is_static(request):
        response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("Pragma", "no-cache")
        response.setHeader("Expires", "0")


def on_publication_end(event):
    """IPubEnd (IPubSuccess and IPubFailure)."""
    request = event.request
    if IKanzleiAkteLayer.providedBy(request):
        apply_headers(request, request.response)


def on_before_streaming(event):
    """IPubBeforeStreaming: the headers go out with the first written chunk."""
    request = getRequest()
    if request is not None and IKanzleiAkteLayer.providedBy(request):
        apply_headers(request, event.response)
