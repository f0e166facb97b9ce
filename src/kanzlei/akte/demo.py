"""Demo content: a staff user, a firm admin, two clients with mandates and documents.

``create_demo_content(site)`` is called by ``make start`` on a new site (unless
``AKTE_DEMO=0``). It returns printable lines (user, password, role). Passwords come from
``AKTE_DEMO_PASSWORD`` or are generated per run. A second call changes nothing.
"""

from datetime import date
from datetime import timedelta
from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.setuphandlers.install import ADMIN_GROUP
from kanzlei.akte.setuphandlers.install import AREA_ID
from kanzlei.akte.setuphandlers.install import STAFF_GROUP
from plone import api
from plone.namedfile.file import NamedBlobFile

import os
import secrets


DEMO_MARKER = "kanzlei_akte_demo"

STAFF = {
    "userid": "anwalt",
    "fullname": "Dr. Anna Anwalt",
    "email": "anwalt@example.org",
    "role": "Kanzlei (Anwältin)",
}
ADMIN = {
    "userid": "kanzleiadmin",
    "fullname": "Karl Kanzleiverwaltung",
    "email": "verwaltung@example.org",
    "role": "Kanzlei-Administration",
}

CLIENTS = [
    {
        "title": "Max Mustermann",
        "client_number": "D-10001",
        "client_type": "person",
        "street": "Musterweg 1",
        "zip_code": "10115",
        "city": "Berlin",
        "email": "max.mustermann@example.org",
        "phone": "030 1234567",
        "contacts": [],
        "users": [("mustermann", None, "Max Mustermann")],
        "mandates": [
            {
                "title": "Mietsache Musterweg 1",
                "file_number": "101/26",
                "opposing_party": "Immobilien Beispiel GmbH",
                "documents": [
                    ("Klageschrift", "Schriftsatz", 20, "freigegeben"),
                    ("Schreiben an die Gegenseite", "Korrespondenz", 12, "freigegeben"),
                    ("Vollmacht", "Vollmacht", 30, "freigegeben"),
                    ("Interner Vermerk", "Sonstiges", 5, "intern"),
                ],
                "message": (
                    "Termin zur mündlichen Verhandlung",
                    "Sehr geehrter Herr Mustermann,\n\ndas Gericht hat einen Termin "
                    "bestimmt. Die Ladung finden Sie in Ihrer Online-Akte.\n\n"
                    "Mit freundlichen Grüßen\nDr. Anna Anwalt",
                ),
            },
            {
                "title": "Verkehrsunfall A7",
                "file_number": "102/26",
                "opposing_party": "Versicherung Beispiel AG",
                "documents": [("Schadensmeldung", "Korrespondenz", 3, "freigegeben")],
            },
        ],
    },
    {
        "title": "Beispielbau GmbH",
        "client_number": "D-10002",
        "client_type": "firma",
        "street": "Industriestraße 7",
        "zip_code": "80331",
        "city": "München",
        "email": "recht@beispielbau.example.org",
        "phone": "089 7654321",
        "contacts": [
            ("Erika Beispiel", "erika.beispiel@beispielbau.example.org"),
            ("Bernd Bauer", "bernd.bauer@beispielbau.example.org"),
        ],
        "users": [
            ("beispielbau", "Erika Beispiel", "Erika Beispiel (Beispielbau GmbH)")
        ],
        "mandates": [
            {
                "title": "Werklohnforderung Bauvorhaben Nord",
                "file_number": "201/26",
                "opposing_party": "Bauherr Nord KG",
                "documents": [
                    ("Mahnbescheid", "Schriftsatz", 40, "freigegeben"),
                    ("Rechnung Vorschuss", "Rechnung", 35, "freigegeben"),
                ],
            }
        ],
    },
]


def pdf_bytes(text):
    """A small, valid one-page PDF showing ``text`` (ASCII)."""
    text = text.encode("ascii", "replace").decode("ascii")
    text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _password():
    return os.environ.get("AKTE_DEMO_PASSWORD") or "Demo-" + secrets.token_urlsafe(12)


def _create_user(userid, fullname, email, password, groups=()):
    api.user.create(
        email=email,
        username=userid,
        password=password,
        properties={"fullname": fullname},
    )
    for group in groups:
        api.group.add_user(groupname=group, username=userid)


def _slug(title):
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".pdf"


def _client(area, data, lines):
    mandant = api.content.create(
        container=area,
        type="Mandant",
        title=data["title"],
        client_number=data["client_number"],
        client_type=data["client_type"],
        street=data["street"],
        zip_code=data["zip_code"],
        city=data["city"],
        phone=data["phone"],
        email=data["email"],
        online_access=True,
    )
    contacts = {}
    for name, email in data["contacts"]:
        contacts[name] = api.content.create(
            container=mandant, type="Kontaktperson", title=name, email=email
        )
    for mandate in data["mandates"]:
        mandat = api.content.create(
            container=mandant,
            type="Mandat",
            title=mandate["title"],
            file_number=mandate["file_number"],
            opposing_party=mandate["opposing_party"],
            responsible_lawyer=STAFF["userid"],
        )
        for title, category, age, state in mandate["documents"]:
            doc = api.content.create(
                container=mandat,
                type="Dokument",
                title=title,
                category=category,
                document_date=date.today() - timedelta(days=age),
                file=NamedBlobFile(
                    data=pdf_bytes(f"{title} - {mandate['file_number']}"),
                    filename=_slug(title),
                    contentType="application/pdf",
                ),
            )
            if api.content.get_state(doc) != state:
                api.content.transition(
                    obj=doc,
                    transition="freigeben"
                    if state == "freigegeben"
                    else "zurueckziehen",
                )
        if mandate.get("message"):
            subject, text = mandate["message"]
            api.content.create(
                container=mandat, type="Nachricht", title=subject, text=text
            )
    for userid, contact, fullname in data["users"]:
        password = _password()
        email = contacts[contact].email if contact else data["email"]
        _create_user(userid, fullname, email, password)
        link_user(mandant, userid, kontaktperson=contacts.get(contact))
        lines.append(f"{userid} / {password}   Mandant: {data['title']}")
    return mandant


def create_demo_content(site):
    """Create the demo users and clients once; returns the lines to print."""
    area = site.get(AREA_ID)
    if (
        area is None
        or getattr(site, DEMO_MARKER, False)
        or api.user.get(STAFF["userid"])
    ):
        return []
    lines = []
    with api.env.adopt_roles(["Manager"]):
        for person, group in ((STAFF, STAFF_GROUP), (ADMIN, ADMIN_GROUP)):
            password = _password()
            _create_user(
                person["userid"], person["fullname"], person["email"], password, [group]
            )
            lines.append(f"{person['userid']} / {password}   {person['role']}")
        for data in CLIENTS:
            _client(area, data, lines)
        set_demo_branding()
    setattr(site, DEMO_MARKER, True)
    return lines
