"""Integration checks of the client views' building blocks (no browser)."""

from kanzlei.akte import readstate
from kanzlei.akte.browser.client import landing_url
from kanzlei.akte.testing import make_client
from kanzlei.akte.zipstream import sanitize_name
from kanzlei.akte.zipstream import UniqueNames
from kanzlei.akte.zipstream import ZipStream
from plone import api

import io
import zipfile


def test_zip_names_sanitized_and_unique(tmp_path):
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 300_000)
    names = UniqueNames()
    entries = [
        (names(sanitize_name("../../etc/passwd")), str(source)),
        (names(sanitize_name("Bericht.pdf")), b"1"),
        (names(sanitize_name("bericht.PDF")), b"2"),
        (names(sanitize_name('a<b>:"c|?*.txt')), b"3"),
        (names(sanitize_name("")), b"4"),
    ]
    body = b"".join(ZipStream(entries))
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == [
        "passwd",
        "Bericht.pdf",
        "bericht (2).PDF",
        "a_b_c_.txt",
        "datei",
    ]
    assert archive.read("passwd") == b"x" * 300_000
    assert archive.testzip() is None


def test_readstate_per_user(integration):
    portal = integration["portal"]
    assert readstate.mark_opened("u1", ["uid-1", "uid-2"]) == 2
    assert readstate.mark_opened("u1", ["uid-1"]) == 0
    assert set(readstate.opened("u1")) == {"uid-1", "uid-2"}
    assert readstate.opened("u2") == {}
    assert portal is not None


def test_landing_url(integration):
    portal = integration["portal"]
    make_client(portal, "Lena", "L-1", "301/26", userid="lena")
    assert landing_url(portal, api.user.get(userid="lena")).endswith("/@@meine-akte")
    assert landing_url(portal, api.user.get_current()) == portal.absolute_url()
