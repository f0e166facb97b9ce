"""Timing and memory helpers of the benchmarks (the WSGI server runs in-process)."""

from plone import api
from plone.namedfile.file import NamedBlobFile

import contextlib
import ctypes
import gc
import re
import statistics
import threading
import time
import transaction


PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
MB = 1024 * 1024


def median_ms(session, url, runs=15, warmup=3, **kwargs):
    """Median wall time (ms) of GET url; every response must be 200."""
    times = []
    for n in range(warmup + runs):
        start = time.perf_counter()
        response = session.get(url, timeout=120, **kwargs)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise AssertionError(f"{url}: HTTP {response.status_code}")
        if n >= warmup:
            times.append(elapsed * 1000)
    return statistics.median(times)


def _status(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _trim():
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_hwm():
    """Reset VmHWM (Linux >= 4.0: write 5 to clear_refs); False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


class RSSPeak:
    """Peak growth of this process's RSS while the block runs (bytes).

    VmRSS is sampled every 2 ms in a thread; where the kernel allows it VmHWM is
    reset first and read afterwards too, catching peaks between two samples.
    """

    def __enter__(self):
        _trim()
        self.hwm = _reset_hwm()
        self.before = _status("VmRSS")
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, _status("VmRSS"))
            time.sleep(0.002)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        if self.hwm:
            self.peak = max(self.peak, _status("VmHWM"))
        self.growth = max(0, self.peak - self.before)
        return False


def authenticator(html, form_class=None):
    """The plone.protect token of a page (optionally inside form.<form_class>)."""
    if form_class:
        match = re.search(rf'<form[^>]*class="[^"]*{form_class}.*?</form>', html, re.S)
        html = match.group(0) if match else html
    tag = re.search(r'<input[^>]*name="_authenticator"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def add_blob_document(mandat, title, filename, data, **fields):
    """A Dokument whose file comes from bytes or an open file (no extra copy)."""
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=mandat,
            type="Dokument",
            title=title,
            file=NamedBlobFile(
                data=data, filename=filename, contentType="application/pdf"
            ),
            category="Schriftsatz",
            **fields,
        )


def bulk_documents(mandat, items):
    """Many small Dokumente fast: the same events as api.content.create, except that
    the Mandat is reindexed once at the end instead of after every document (and the
    id is given, so no rename). items: (id, title, filename, data, document_date).
    """
    from plone.dexterity.utils import createContent
    from zope.container.contained import notifyContainerModified
    from zope.event import notify
    from zope.lifecycleevent import ObjectAddedEvent
    from zope.lifecycleevent import ObjectCreatedEvent

    with api.env.adopt_roles(["Manager"]):
        for n, (id_, title, filename, data, when) in enumerate(items):
            doc = createContent(
                "Dokument",
                title=title,
                file=NamedBlobFile(
                    data=data, filename=filename, contentType="application/pdf"
                ),
                category="Schriftsatz",
                document_date=when,
            )
            doc.id = id_
            notify(ObjectCreatedEvent(doc))
            mandat._setObject(id_, doc, suppress_events=True)
            doc = mandat._getOb(id_)
            notify(ObjectAddedEvent(doc, mandat, id_))
            if n % 500 == 499:
                transaction.savepoint(optimistic=True)
        notifyContainerModified(mandat)


class MultipartBody:
    """A multipart/form-data body generated on the fly (fixed length, no big buffer).

    requests sends an iterable with a length as it is iterated, with Content-Length.
    """

    boundary = "----kanzlei-akte-bench-7f3a9c"
    block = bytes(range(256)) * 4096  # 1 MiB

    def __init__(self, fields, file_field, filename, size, content_type):
        head = []
        for name, value in fields.items():
            head.append(
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n"
            )
        head.append(
            f"--{self.boundary}\r\nContent-Disposition: form-data; "
            f'name="{file_field}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        self.head = "".join(head).encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.size = size
        self.content_type = f"multipart/form-data; boundary={self.boundary}"

    def __len__(self):
        return len(self.head) + self.size + len(self.tail)

    def __iter__(self):
        yield self.head
        left = self.size
        while left > 0:
            part = self.block[: min(left, len(self.block))]
            left -= len(part)
            yield part
        yield self.tail


def fmt_ms(value):
    return f"{value:.1f} ms"


def fmt_mb(value):
    return f"{value / MB:.1f} MB"


def ratio(ours, peer):
    return f"{ours / peer:.2f}" if peer else "n/a"
