"""Stream a ZIP archive to the browser without building it in memory.

``ZipStream`` is a ZPublisher stream iterator: the publisher hands it to the WSGI
server, which sends each chunk as it is produced. Entries are read from committed blob
files (paths collected while the request still had its ZODB connection) or from small
in-memory bytes (JSON). Names inside the archive are sanitized and made unique.
"""

from kanzlei.akte.pas import compat
from kanzlei.akte.uploads.names import sanitize_name
from zope.interface import implementer
from ZPublisher.Iterators import IUnboundStreamIterator

import os
import zipfile


CHUNK = 64 * 1024


class UniqueNames:
    """Hands out archive names, adding ' (2)', ' (3)' … on (case-blind) clashes."""

    def __init__(self):
        self.taken = set()

    def __call__(self, name, folder=""):
        stem, ext = os.path.splitext(name)
        candidate = name
        counter = 1
        while (folder + candidate).lower() in self.taken:
            counter += 1
            candidate = f"{stem} ({counter}){ext}"
        self.taken.add((folder + candidate).lower())
        return folder + candidate


class _Sink:
    """A write-only, unseekable file for zipfile: collects bytes until taken."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.parts)
        self.parts = []
        return data


def blob_path(namedfile):
    """The committed blob file of a NamedBlobFile (readable after the transaction)."""
    path = compat.committed_blob_path(namedfile)
    if path is None:
        with namedfile.open() as handle:
            path = handle.name
    return path


# Formats that are compressed already: deflating them again costs time, saves nothing.
STORED_EXTENSIONS = frozenset(
    [
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "heic",
        "tif",
        "tiff",
        "zip",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "mp3",
        "mp4",
    ]
)


def compression_for(name):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in STORED_EXTENSIONS:
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


@implementer(IUnboundStreamIterator)
class ZipStream:
    """Iterate over the bytes of a ZIP made of ``entries``.

    ``entries``: (archive name, source) where source is bytes or a file path.
    """

    def __init__(self, entries):
        self.entries = list(entries)
        self.chunks = self.generate()

    def generate(self):
        sink = _Sink()
        with zipfile.ZipFile(
            sink, mode="w", compression=zipfile.ZIP_DEFLATED
        ) as archive:
            for name, source in self.entries:
                info = zipfile.ZipInfo(name)
                info.compress_type = compression_for(name)
                info.external_attr = 0o644 << 16
                if isinstance(source, bytes):
                    archive.writestr(info, source)
                    yield sink.take()
                    continue
                with (
                    open(source, "rb") as src,
                    archive.open(info, "w", force_zip64=True) as dest,
                ):
                    while True:
                        data = src.read(CHUNK)
                        if not data:
                            break
                        dest.write(data)
                        chunk = sink.take()
                        if chunk:
                            yield chunk
                yield sink.take()
        yield sink.take()

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            chunk = next(self.chunks)
            if chunk:
                return chunk


def stream_zip(response, filename, entries):
    """Set the headers and return the iterator (return it from the view)."""
    from urllib.parse import quote

    ascii_name = sanitize_name(filename).encode("ascii", "replace").decode()
    response.setHeader("Content-Type", "application/zip")
    response.setHeader(
        "Content-Disposition",
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(sanitize_name(filename))}",
    )
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader("Cache-Control", "private, no-store")
    return ZipStream(entries)
