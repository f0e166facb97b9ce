"""Memory: streamed ZIP and client upload against a plain Plone @@download / file size.

The WSGI server runs in this process, so its RSS is ours; the HTTP client streams
(small buffers only) and adds next to nothing.
"""

from benchlib import add_blob_document
from benchlib import authenticator
from benchlib import fmt_mb
from benchlib import MB
from benchlib import MultipartBody
from benchlib import PASSWORD
from benchlib import ratio
from benchlib import RSSPeak
from kanzlei.akte.clients import link_user
from kanzlei.akte.testing import make_client

import os
import requests
import statistics
import tempfile
import time
import transaction


FILES = 50
FILE_MB = 2
BIG_MB = FILES * FILE_MB
UPLOAD_MB = 50
ROUNDS = 5


def download(session, url):
    """GET url streamed; (bytes received, seconds, RSS growth)."""
    received = 0
    with RSSPeak() as rss:
        start = time.perf_counter()
        with session.get(url, stream=True, timeout=300) as response:
            if response.status_code != 200:
                raise AssertionError(f"{url}: HTTP {response.status_code}")
            for chunk in response.iter_content(256 * 1024):
                received += len(chunk)
        took = time.perf_counter() - start
    return received, took, rss.growth


def medians(runs):
    """(median seconds, median RSS growth) of download() results."""
    return (
        statistics.median(r[1] for r in runs),
        statistics.median(r[2] for r in runs),
    )


def spread(runs, cold, size):
    """Note: max of the rounds, the cold first run, median growth as % of size."""
    worst = max(r[2] for r in runs)
    share = 100 * statistics.median(r[2] for r in runs) / size
    return f"max {fmt_mb(worst)}, cold {fmt_mb(cold)}, {share:.1f}% of size"


def test_zip_and_download(functional, table):
    portal = functional["portal"]
    mandant, zipped = make_client(
        portal, "Bench Dateien", "B-Z", "800/26", userid="bench-client"
    )
    _, single = make_client(portal, "Bench Groß", "B-G", "801/26")
    for i in range(FILES):
        add_blob_document(
            zipped, f"Anlage {i:02d}", f"anlage-{i:02d}.pdf", os.urandom(FILE_MB * MB)
        )
    # The client may see it: link the same user to the second Mandant too.
    link_user(single.aq_parent, "bench-client")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "gross.pdf")
        block = os.urandom(MB)
        with open(path, "wb") as big:
            for _ in range(BIG_MB):
                big.write(block)
        with open(path, "rb") as big:
            doc = add_blob_document(single, "Großes Gutachten", "gross.pdf", big)
    transaction.commit()
    session = requests.Session()
    session.auth = ("bench-client", PASSWORD)

    urls = {
        "zip": zipped.absolute_url() + "/@@akte-zip",
        "peer": doc.absolute_url() + "/@@download/file",
        "own": doc.absolute_url() + "/@@akte-datei",
    }
    # One full warm-up each, then ROUNDS interleaved rounds; medians are reported
    # (the allocator reuses freed memory, so single runs depend on what ran before).
    cold = {key: download(session, url)[2] for key, url in urls.items()}
    runs = {key: [] for key in urls}
    for _ in range(ROUNDS):
        for key, url in urls.items():
            runs[key].append(download(session, url))
    assert {r[0] for r in runs["peer"] + runs["own"]} == {BIG_MB * MB}
    assert min(r[0] for r in runs["zip"]) > FILES * FILE_MB * MB
    zip_s, zip_rss = medians(runs["zip"])
    peer_s, peer_rss = medians(runs["peer"])
    own_s, own_rss = medians(runs["own"])
    peer = f"@@download/file, 1×{BIG_MB} MB"
    table.append(
        (
            f"(peer) @@download/file, 1×{BIG_MB} MB",
            fmt_mb(peer_rss),
            "–",
            "–",
            "–",
            f"{peer_s:.1f} s; " + spread(runs["peer"], cold["peer"], BIG_MB * MB),
        )
    )
    table.append(
        (
            f"@@akte-zip, {FILES}×{FILE_MB} MB: RSS growth",
            fmt_mb(zip_rss),
            peer,
            fmt_mb(peer_rss),
            ratio(zip_rss, peer_rss),
            f"{zip_s:.1f} s vs {peer_s:.1f} s; "
            + spread(runs["zip"], cold["zip"], FILES * FILE_MB * MB),
        )
    )
    table.append(
        (
            f"@@akte-datei, 1×{BIG_MB} MB: RSS growth",
            fmt_mb(own_rss),
            peer,
            fmt_mb(peer_rss),
            ratio(own_rss, peer_rss),
            f"{own_s:.1f} s vs {peer_s:.1f} s; "
            + spread(runs["own"], cold["own"], BIG_MB * MB),
        )
    )


def test_upload(functional, table):
    portal = functional["portal"]
    _, mandat = make_client(
        portal, "Bench Upload", "B-U", "900/26", userid="bench-client"
    )
    transaction.commit()
    session = requests.Session()
    session.auth = ("bench-client", PASSWORD)
    page = session.get(mandat.absolute_url() + "/@@akte-mandat", timeout=60)
    token = authenticator(page.text, "akte-upload")
    url = mandat.absolute_url() + "/@@akte-hochladen"

    def upload(size_mb, name):
        body = MultipartBody(
            {"_authenticator": token},
            "datei",
            name,
            size_mb * MB,
            "application/pdf",
        )
        with RSSPeak() as rss:
            start = time.perf_counter()
            response = session.post(
                url,
                data=body,
                headers={
                    "Content-Type": body.content_type,
                    "Accept": "application/json",
                },
                timeout=300,
            )
            took = time.perf_counter() - start
        if response.status_code != 200 or not response.json().get("ok"):
            raise AssertionError(f"upload: HTTP {response.status_code} {response.text}")
        return took, rss.growth

    cold = upload(UPLOAD_MB, "warmup.pdf")[1]
    results = [upload(UPLOAD_MB, f"upload-{n}.pdf") for n in range(ROUNDS)]
    took = statistics.median(r[0] for r in results)
    growth = statistics.median(r[1] for r in results)
    worst = max(r[1] for r in results)
    transaction.begin()
    assert mandat["upload-0.pdf"].file.getSize() == UPLOAD_MB * MB
    table.append(
        (
            f"@@akte-hochladen, 1×{UPLOAD_MB} MB: RSS growth",
            fmt_mb(growth),
            "file size",
            f"{UPLOAD_MB}.0 MB",
            ratio(growth, UPLOAD_MB * MB),
            f"{took:.1f} s; max {fmt_mb(worst)}, cold {fmt_mb(cold)}",
        )
    )
