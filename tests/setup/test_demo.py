from kanzlei.akte.accounts.links import mandanten_for_user
from kanzlei.akte.demo import create_demo_content
from kanzlei.akte.demo import pdf_bytes
from plone import api


def test_demo_content_once(portal, monkeypatch):
    monkeypatch.setenv("AKTE_DEMO_PASSWORD", "Demo-Passwort-2026!")
    lines = create_demo_content(portal)
    text = "\n".join(lines)
    assert "anwalt / Demo-Passwort-2026!" in text
    assert "kanzleiadmin" in text
    assert "mustermann" in text and "beispielbau" in text
    staff = api.user.get("anwalt")
    assert staff.getProperty("fullname") == "Dr. Anna Anwalt"
    assert "Kanzlei" in api.user.get_roles(user=staff)
    assert "Site Administrator" in api.user.get_roles(username="kanzleiadmin")
    mandanten = api.content.find(portal_type="Mandant")
    assert len(mandanten) == 2
    firma = [b.getObject() for b in mandanten if b.Title == "Beispielbau GmbH"][0]
    contacts = [o for o in firma.objectValues() if o.portal_type == "Kontaktperson"]
    assert len(contacts) == 2
    assert [m.Title() for m in mandanten_for_user("beispielbau")] == [
        "Beispielbau GmbH"
    ]
    docs = api.content.find(portal_type="Dokument")
    assert len(docs) == 7
    assert all(b.getObject().file.data.startswith(b"%PDF-1.4") for b in docs)
    assert len(api.content.find(portal_type="Nachricht")) == 1
    with api.env.adopt_user(username="mustermann"):
        seen = {b.Title for b in api.content.find(portal_type="Dokument")}
    assert "Klageschrift" in seen
    assert "Interner Vermerk" not in seen
    assert "Mahnbescheid" not in seen
    # a second call does nothing
    assert create_demo_content(portal) == []
    assert len(api.content.find(portal_type="Mandant")) == 2


def test_generated_passwords_differ(portal, monkeypatch):
    monkeypatch.delenv("AKTE_DEMO_PASSWORD", raising=False)
    lines = create_demo_content(portal)
    passwords = [line.split(" / ")[1].split()[0] for line in lines]
    assert len(passwords) == 4
    assert len(set(passwords)) == 4
    assert all(len(p) >= 12 for p in passwords)
    assert api.user.get("anwalt") is not None


def test_pdf_is_well_formed():
    data = pdf_bytes("Klageschrift (Entwurf)")
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref")
    # every offset in the xref table points at its object
    table = data[xref:].split(b"\n")[3:8]
    for number, row in enumerate(table, start=1):
        offset = int(row.split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
