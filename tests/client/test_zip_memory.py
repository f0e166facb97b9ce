"""The streamed ZIP of a large mandate: memory stays flat, compressed formats are
stored as they are (not deflated again), everything arrives intact.

The WSGI server runs in this process, so tracemalloc sees every allocation of the
request (the publisher, the ZIP writer, the blob reads) and of the HTTP client.
"""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client

import os
import requests
import tracemalloc
import transaction
import zipfile


MB = 1024 * 1024
FILE_MB = 10
PDFS = 8  # random bytes: incompressible, like real PDFs and photos
TEXTS = 2  # compressible
LIMIT = 50 * MB  # for a 100 MB archive


def test_zip_of_100_mb_streams_in_flat_memory(functional, base_url, tmp_path):
    portal = functional["portal"]
    _mandant, mandat = make_client(portal, "Anna Groß", "Z-1", "500/26", userid="gross")
    pdf = os.urandom(FILE_MB * MB)
    text = b"Sehr geehrte Damen und Herren,\n" * (FILE_MB * MB // 31)
    for n in range(PDFS):
        add_document(mandat, title=f"Anlage {n}", data=pdf, filename=f"a{n}.pdf")
    for n in range(TEXTS):
        add_document(mandat, title=f"Text {n}", data=text, filename=f"t{n}.txt")
    transaction.commit()
    del pdf  # keep only what the download needs
    url = mandat.absolute_url().replace("http://nohost/plone", base_url) + "/@@akte-zip"
    archive = tmp_path / "akte.zip"

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        with (
            requests.get(
                url, auth=("gross", "Mandanten-Test-Passwort-2026"), stream=True,
                timeout=120,
            ) as response,
            open(archive, "wb") as out,
        ):  # fmt: skip
            assert response.status_code == 200
            assert "content-length" not in response.headers  # streamed
            for chunk in response.iter_content(256 * 1024):
                out.write(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = archive.stat().st_size
    assert size > (PDFS * FILE_MB) * MB  # the PDFs are all in it
    growth = peak - before
    assert growth < LIMIT, f"{growth / MB:.1f} MB for a {size / MB:.0f} MB ZIP"

    with zipfile.ZipFile(archive) as result:
        infos = {info.filename: info for info in result.infolist()}
        assert sorted(infos) == sorted(
            [f"a{n}.pdf" for n in range(PDFS)] + [f"t{n}.txt" for n in range(TEXTS)]
        )
        for number in range(PDFS):
            info = infos[f"a{number}.pdf"]
            assert info.compress_type == zipfile.ZIP_STORED
            assert info.compress_size == info.file_size == FILE_MB * MB
        for number in range(TEXTS):
            info = infos[f"t{number}.txt"]
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.compress_size < info.file_size / 10
        assert result.testzip() is None  # every CRC right
