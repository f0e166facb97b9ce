"""The client's IP address, as far as we can trust it.

The socket peer (``REMOTE_ADDR`` from the WSGI server) is used. ``X-Forwarded-For``
is only read when the peer is one of the configured trusted proxies; then the
right-most address that is not itself a trusted proxy wins. A client can put
anything into that header, so without a trusted proxy it is ignored entirely.
"""

from kanzlei.akte.pas import settings


def client_ip(request, context=None):
    if request is None:
        return ""
    environ = getattr(request, "environ", {}) or {}
    peer = environ.get("REMOTE_ADDR", "") or ""
    trusted = settings.trusted_proxies(context)
    if not trusted or peer not in trusted:
        return peer
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return peer
