"""The data of the isolation matrix: clients A and B with everything a client can have.

Every string of a client's data carries a marker (``GEHEIM-A-…`` / ``GEHEIM-B-…``, also
in ids, file names, user names and e-mail addresses), so one case-insensitive search for
``geheim-b`` finds any of B's data in an answer; what has no marker (UIDs, the opaque
ids ``mandant-…`` / ``akte-…``) is collected in ``Client.tokens``.
"""

from dataclasses import dataclass
from dataclasses import field
from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.browser.client.messages import send_message
from kanzlei.akte.questionnaires.presets import add_from_preset
from kanzlei.akte.testing import make_staff
from plone import api
from plone.namedfile.file import NamedBlobFile

import struct
import zlib


PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF = "matrix-anwalt"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
INTEGRATION = "matrix-software"


def png(width=64, height=48):
    """A real PNG (solid colour) that Pillow can scale."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass
class Client:
    """One client's objects (by role in the matrix) and every string that is theirs."""

    key: str
    userid: str
    kontakt_userid: str
    objects: dict = field(default_factory=dict)
    tokens: set = field(default_factory=set)

    @property
    def marker(self):
        return f"geheim-{self.key.lower()}"

    def url(self, name):
        return self.objects[name].absolute_url()


def document(mandat, title, filename, data=b"%PDF-1.4 matrix", content_type=None):
    return api.content.create(
        container=mandat,
        type="Dokument",
        title=title,
        file=NamedBlobFile(
            data=data,
            filename=filename,
            contentType=content_type or "application/pdf",
        ),
        category="Schriftsatz",
    )


def mandate(mandant, marker, number, state):
    mandat = api.content.create(
        container=mandant,
        type="Mandat",
        title=f"{marker}-{number} Mandat {state}",
        file_number=f"{marker}-{number}/26",
        opposing_party=f"{marker}-{number} Gegner",
        responsible_lawyer=STAFF,
    )
    for transition in {
        "offen": [],
        "abgeschlossen": ["abschliessen"],
        "archiviert": ["abschliessen", "archivieren"],
    }[state]:
        api.content.transition(obj=mandat, transition=transition)
    return mandat


def build_client(portal, request, key):
    """Client ``key`` (A or B): Mandant, contact person with a user, three mandates,
    internal/released/image documents, messages with attachments, a questionnaire,
    the client's own upload and message."""
    marker = f"GEHEIM-{key}"
    low = marker.lower()
    client = Client(key=key, userid=f"{low}-user", kontakt_userid=f"{low}-kontakt")
    o = client.objects
    with api.env.adopt_roles(["Manager"]):
        o["Mandant"] = api.content.create(
            container=portal["mandanten"],
            type="Mandant",
            title=f"{marker}-1 Mandant",
            client_number=f"{marker}-2",
            email=f"{low}-mandant@example.org",
            phone=f"{marker}-telefon",
            street=f"{marker}-Straße 1",
            online_access=True,
        )
        o["Kontaktperson"] = api.content.create(
            container=o["Mandant"],
            type="Kontaktperson",
            title=f"{marker}-3 Kontakt",
            email=f"{low}-kontaktperson@example.org",
        )
        o["Mandat offen"] = mandate(o["Mandant"], marker, 4, "offen")
        o["Mandat abgeschlossen"] = mandate(o["Mandant"], marker, 5, "abgeschlossen")
        o["Mandat archiviert"] = mandate(o["Mandant"], marker, 6, "archiviert")
        offen = o["Mandat offen"]
        o["Dokument intern"] = document(offen, f"{marker}-7 intern", f"{low}-7.pdf")
        api.content.transition(obj=o["Dokument intern"], transition="zurueckziehen")
        o["Dokument freigegeben"] = document(
            offen, f"{marker}-8 freigegeben", f"{low}-8.pdf"
        )
        o["Dokument Bild"] = document(
            offen, f"{marker}-9 Bild", f"{low}-9.png", png(), "image/png"
        )
        o["Dokument abgeschlossen"] = document(
            o["Mandat abgeschlossen"], f"{marker}-10 Urteil", f"{low}-10.pdf"
        )
        o["Dokument archiviert"] = document(
            o["Mandat archiviert"], f"{marker}-11 Altakte", f"{low}-11.pdf"
        )
        for userid, fullname in (
            (client.userid, f"{marker}-12 Nutzer"),
            (client.kontakt_userid, f"{marker}-13 Kontaktnutzer"),
        ):
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
        link_user(o["Mandant"], client.userid)
        link_user(o["Mandant"], client.kontakt_userid, kontaktperson=o["Kontaktperson"])
    with api.env.adopt_user(username=STAFF):
        o["Nachricht Kanzlei"] = send_message(
            offen,
            f"{marker}-14 Nachricht",
            f"{marker}-15 Text der Kanzlei",
            [o["Dokument freigegeben"], o["Dokument intern"]],
        )
        o["Fragebogen"] = add_from_preset(
            offen, "mietrecht", f"{marker}-16 Fragebogen", request
        )
    with api.env.adopt_user(username=client.userid):
        o["Upload"] = document(offen, f"{marker}-17 Upload", f"{low}-17-upload.pdf")
        o["Nachricht Mandant"] = send_message(
            offen, f"{marker}-18 Frage", f"{marker}-19 Text", [o["Upload"]]
        )
    for obj in o.values():
        client.tokens.add(api.content.get_uuid(obj))
        client.tokens.add(obj.getId())
    return client


def build_world(portal, request):
    """Staff member, the law-office software's account, clients A and B; returns
    ``{"A": Client, "B": Client}``."""
    with api.env.adopt_roles(["Manager"]):
        make_staff(STAFF, fullname="Dr. Matrix Anwalt", email="matrix@example.org")
        api.user.create(
            email="software@example.org",
            username=INTEGRATION,
            password=STAFF_PASSWORD,
            roles=("Integration", "Member"),
        )
    world = {key: build_client(portal, request, key) for key in ("A", "B")}
    # Ids that are not unique to one client (e.g. a generic "nachricht") prove nothing.
    shared = world["A"].tokens & world["B"].tokens
    for client in world.values():
        client.tokens = {t for t in client.tokens - shared if len(t) >= 8}
    return world
