"""Fixtures of the client page tests: client A (three mandates), client B (one)."""

from datetime import date
from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest
import transaction


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
    b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00"
    b"\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _doc(mandat, title, filename, data, content_type, category, when):
    with api.env.adopt_roles(["Manager"]):
        doc = api.content.create(
            container=mandat,
            type="Dokument",
            title=title,
            file=NamedBlobFile(data=data, filename=filename, contentType=content_type),
            category=category,
            document_date=when,
        )
    return doc


@pytest.fixture
def akte(functional):
    """Client A (user mandant-a): 101/26 with documents, 102/26, closed 099/25.

    Client B (user mandant-b): 201/26 with one document. Staff: anwalt.
    """
    portal = functional["portal"]
    make_staff()
    set_demo_branding()  # the firm's logo, contact and links, as on the demo site
    mandant_a, m1 = make_client(
        portal,
        "Anna Alpha",
        "M-A",
        "101/26",
        userid="mandant-a",
        subject="Mietsache Schillerstraße",
    )
    with api.env.adopt_roles(["Manager"]):
        m1.responsible_lawyer = "anwalt"
        m1.reindexObject()
        m2 = api.content.create(
            container=mandant_a,
            type="Mandat",
            title="Kündigung Arbeitsvertrag",
            file_number="102/26",
            opposing_party="Arbeitgeber AG",
        )
        m3 = api.content.create(
            container=mandant_a,
            type="Mandat",
            title="Erbschaft Onkel",
            file_number="099/25",
            opposing_party="Nachlassgericht",
        )
        api.content.transition(obj=m3, transition="abschliessen")
        api.content.create(
            container=mandant_a,
            type="Kontaktperson",
            title="Peter Prokurist",
            email="peter@example.org",
        )
    docs = {
        "klage": _doc(
            m1,
            "Klageschrift",
            "klage.pdf",
            b"%PDF-1.4 klage",
            "application/pdf",
            "Schriftsatz",
            date(2026, 3, 1),
        ),
        "antwort": _doc(
            m1,
            "Antwort Gegner",
            "klage.pdf",
            b"%PDF-1.4 antwort",
            "application/pdf",
            "Korrespondenz",
            date(2026, 4, 1),
        ),
        "foto": _doc(
            m1,
            "Foto Schaden",
            "schaden.png",
            PNG,
            "image/png",
            "Sonstiges",
            date(2026, 2, 1),
        ),
        "html": _doc(
            m1,
            "Webseite",
            "seite.html",
            b"<script>alert(1)</script>",
            "text/html",
            "Sonstiges",
            date(2026, 1, 1),
        ),
    }
    mandant_b, mb = make_client(
        portal,
        "Bernd Beta",
        "M-B",
        "201/26",
        userid="mandant-b",
        subject="Verkehrsunfall Geheimsache",
    )
    doc_b = add_document(mb, title="Geheimes Gutachten B", filename="gutachten-b.pdf")
    transaction.commit()
    return {
        "portal": portal,
        "mandant_a": mandant_a,
        "m1": m1,
        "m2": m2,
        "m3": m3,
        "docs": docs,
        "mandant_b": mandant_b,
        "mb": mb,
        "doc_b": doc_b,
    }
