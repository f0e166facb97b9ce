"""A client answers a questionnaire over HTTP; the answers land in the Akte."""

from io import BytesIO
from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
from kanzlei.akte.questionnaires.interfaces import IFragebogenPdf
from kanzlei.akte.questionnaires.interfaces import IFragebogenRohdaten
from plone import api
from tests.questionnaires.helpers import add_questionnaire
from tests.questionnaires.helpers import authenticator
from tests.questionnaires.helpers import CLIENT_PASSWORD
from tests.questionnaires.helpers import STAFF_PASSWORD

import json
import pypdf
import pytest
import requests
import transaction


VALID = {
    "form.widgets.unfalldatum": "2026-11-20",
    "form.widgets.uhrzeit": "17:30",
    "form.widgets.unfallort": "Köln, Aachener Straße / Ecke Gürtel",
    "form.widgets.beteiligung": "Fahrer/in",
    "form.widgets.beteiligung-empty-marker": "1",
    "form.widgets.hergang": "Der Gegner fuhr bei Rot.\n<script>alert(1)</script>",
    "form.widgets.polizei": "ja",
    "form.widgets.polizei-empty-marker": "1",
    "form.widgets.verletzt": "nein",
    "form.widgets.verletzt-empty-marker": "1",
    "form.widgets.gutachten": "nein",
    "form.widgets.gutachten-empty-marker": "1",
    "form.widgets.bestaetigung": "selected",
    "form.widgets.bestaetigung-empty-marker": "1",
    "form.buttons.submit": "Fragebogen absenden",
}


def denied(response):
    """Plone refused: an error status, or the redirect to the login form."""
    if response.history and "login" in response.url:
        return True
    if "Unzureichende Berechtigungen" in response.text:  # Plone answers 200 here
        return True
    return response.status_code in (401, 403, 404)


def pdf_text(data):
    """The text of a PDF, one space between words (lines joined)."""
    reader = pypdf.PdfReader(BytesIO(data))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def session(user, password):
    s = requests.Session()
    s.auth = (user, password)
    return s


def documents(mandat):
    transaction.begin()  # see what the server committed
    return {
        b.getId: b
        for b in api.content.find(
            context=mandat, portal_type="Dokument", unrestricted=True
        )
    }


def submit(s, url, data):
    page = s.get(url)
    assert page.status_code == 200, page.status_code
    return s.post(url, data={**data, "_authenticator": authenticator(page.text)})


@pytest.fixture
def fragebogen(akte_web, functional):
    form = add_questionnaire(
        akte_web["mandat_a"], "verkehrsunfall", functional["request"]
    )
    transaction.commit()
    return form


def test_client_answers_and_answers_are_stored(akte_web, fragebogen):
    mandat = akte_web["mandat_a"]
    url = fragebogen.absolute_url()
    client = session("mandant-a", CLIENT_PASSWORD)

    page = client.get(url)
    assert page.status_code == 200
    assert "Unfallhergang" in page.text
    token = authenticator(page.text)
    assert "möglichst genau" in page.text  # help text
    assert "Fragebogen absenden" in page.text

    # A required field missing: a German message, what was typed survives, no Dokument.
    incomplete = {k: v for k, v in VALID.items() if k != "form.widgets.unfallort"}
    response = submit(client, url, incomplete)
    assert response.status_code == 200
    assert "Es sind Fehler aufgetreten" in response.text or "Fehler" in response.text
    assert "Erforderliche Eingabe fehlt" in response.text
    assert "Der Gegner fuhr bei Rot." in response.text
    assert documents(mandat) == {}

    response = submit(client, url, VALID)
    assert response.status_code == 200
    assert "Vielen Dank" in response.text

    docs = documents(mandat)
    assert len(docs) == 3
    readable = [
        b.getObject()
        for b in docs.values()
        if b.getObject().file.contentType == "text/html"
    ]
    raw = [
        b.getObject()
        for b in docs.values()
        if b.getObject().file.contentType == "application/json"
    ]
    assert len(raw) == 1 and len(readable) == 1
    html_doc, json_doc = readable[0], raw[0]
    assert IFragebogenAntworten.providedBy(html_doc)
    assert IFragebogenRohdaten.providedBy(json_doc)
    for doc in (html_doc, json_doc):
        assert doc.direction == "mandant"
        assert doc.added_by == "mandant-a"
    assert api.content.get_state(html_doc) == "freigegeben"
    assert api.content.get_state(json_doc) == "intern"
    html = html_doc.file.data.decode("utf-8")
    assert "Köln, Aachener Straße / Ecke Gürtel" in html
    assert "20.11.2026" in html
    assert "101/26" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    data = json.loads(json_doc.file.data)
    assert data["answers"]["unfallort"] == "Köln, Aachener Straße / Ecke Gürtel"
    assert data["answers"]["unfalldatum"] == "2026-11-20"
    assert data["answers"]["bestaetigung"] is True
    assert data["submitted_by"] == "mandant-a"
    assert data["mandat"]["file_number"] == "101/26"
    [pdf_doc] = [
        b.getObject()
        for b in docs.values()
        if b.getObject().file.contentType == "application/pdf"
    ]
    assert IFragebogenPdf.providedBy(pdf_doc)
    assert pdf_doc.direction == "mandant"
    assert api.content.get_state(pdf_doc) == "freigegeben"
    assert pdf_doc.file.filename.endswith(".pdf")
    text = pdf_text(pdf_doc.file.data)
    for expected in (
        "KLX Rechtsanwälte",  # the letterhead
        "Fragebogen: Verkehrsunfall",
        "Aktenzeichen 101/26",
        "Mandant Erika Muster",
        "Köln, Aachener Straße / Ecke Gürtel",
        "Der Gegner fuhr bei Rot. <script>alert(1)</script>",
        "20.11.2026",
        "Seite 1 von ",
    ):
        assert expected in text, expected

    # The questionnaire is answered: shows the date, can't be submitted twice.
    assert api.content.get_state(fragebogen) == "beantwortet"
    page = client.get(url)
    assert page.status_code == 200
    assert "beantwortet am" in page.text
    assert 'name="form.buttons.submit"' not in page.text
    for target in (url, url + "/@@embedded"):  # a valid token, still refused
        response = client.post(target, data={**VALID, "_authenticator": token})
        assert "Vielen Dank" not in response.text
    assert "bereits beantwortet" in response.text
    assert len(documents(mandat)) == 3

    # The client reads their own answers, not the internal raw data.
    assert client.get(html_doc.absolute_url() + "/@@download/file").status_code == 200
    assert denied(client.get(json_doc.absolute_url() + "/@@download/file"))

    # Staff see when it was answered; their own submission is only a preview.
    staff = session("anwalt", STAFF_PASSWORD)
    page = staff.get(url)
    assert "Beantwortet am" in page.text
    response = staff.post(
        url, data={**VALID, "_authenticator": authenticator(page.text)}
    )
    assert "Nur Mandanten können diesen Fragebogen absenden" in response.text
    assert len(documents(mandat)) == 3

    # Staff reopen it; the client can answer again.
    with api.env.adopt_user(username="anwalt"):
        api.content.transition(obj=fragebogen, transition="wiedereroeffnen")
    transaction.commit()
    response = submit(client, url, VALID)
    assert "Vielen Dank" in response.text
    assert len(documents(mandat)) == 6


def test_firm_software_reads_answers_over_rest(akte_web, fragebogen, base_url):
    api.user.create(
        email="kanzleisoftware@example.org",
        username="kanzleisoftware",
        password="Integration-Test-Passwort-2026",
        roles=("Integration",),
    )
    transaction.commit()
    submit(session("mandant-a", CLIENT_PASSWORD), fragebogen.absolute_url(), VALID)

    rest = session("kanzleisoftware", "Integration-Test-Passwort-2026")
    rest.headers["Accept"] = "application/json"
    mandat_path = "/".join(akte_web["mandat_a"].getPhysicalPath())
    found = rest.get(
        base_url + "/@search",
        params={
            "path.query": mandat_path,
            "portal_type": "Dokument",
            "direction": "mandant",
            "metadata_fields": "file_name",
        },
    ).json()
    names = {item["file_name"]: item["@id"] for item in found["items"]}
    json_url = next(url for name, url in names.items() if name.endswith(".json"))
    item = rest.get(json_url).json()
    assert item["direction"]["token"] == "mandant"
    data = rest.get(item["file"]["download"]).json()
    assert data["answers"]["unfallort"] == "Köln, Aachener Straße / Ecke Gürtel"
    assert data["questionnaire"]["title"] == "Verkehrsunfall"


def test_lawyer_is_told_once_without_the_answers(akte_web, fragebogen, smtp_sink):
    from datetime import timedelta
    from kanzlei.akte.mail import queue
    from kanzlei.akte.mail import sender
    from kanzlei.akte.testing import configure_mailhost

    configure_mailhost(smtp_sink.port)
    transaction.commit()
    client = session("mandant-a", CLIENT_PASSWORD)
    assert "Vielen Dank" in submit(client, fragebogen.absolute_url(), VALID).text

    transaction.begin()
    portal = akte_web["portal"]
    sender.flush(portal, now=queue.now() + timedelta(minutes=60 * 48))
    messages = smtp_sink.wait_for(1)
    assert [rcpts for rcpts, _m in messages] == [["anwalt@example.org"]]
    text = messages[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "beantworteter Fragebogen" in text
    mandat = akte_web["mandat_a"]
    assert mandat.absolute_url() in text or api.content.get_uuid(mandat) in text
    assert "Aachener" not in text and "Rot" not in text


def easyform_model(fields):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>{fields}</schema>
</model>
"""


FILE_MODEL = easyform_model("""
    <field name="name" type="zope.schema.TextLine"><title>Name</title></field>
    <field name="beleg" type="plone.namedfile.field.NamedBlobFile">
      <title>Beleg</title>
      <required>False</required>
    </field>
""")


def test_files_attached_to_answers_become_dokumente(akte_web):
    mandat = akte_web["mandat_a"]
    with api.env.adopt_user(username="anwalt"):
        form = api.content.create(
            container=mandat, type="EasyForm", title="Belege", fields_model=FILE_MODEL
        )
    transaction.commit()
    client = session("mandant-a", CLIENT_PASSWORD)
    page = client.get(form.absolute_url())
    data = {
        "form.widgets.name": "Erika Muster",
        "form.buttons.submit": "Absenden",
        "_authenticator": authenticator(page.text),
    }

    # A type the firm does not accept: a German message, nothing stored.
    refused = client.post(
        form.absolute_url(),
        data=data,
        files={
            "form.widgets.beleg": ("virus.exe", b"MZ...", "application/octet-stream")
        },
    )
    assert "Dieser Dateityp ist nicht erlaubt" in refused.text
    assert 'value="Erika Muster"' in refused.text
    assert documents(mandat) == {}

    pdf = b"%PDF-1.4 Rechnung Werkstatt"
    client.post(
        form.absolute_url(),
        data=data,
        files={"form.widgets.beleg": ("rechnung.pdf", pdf, "application/pdf")},
    )
    docs = [b.getObject() for b in documents(mandat).values()]
    assert len(docs) == 4
    [beleg] = [d for d in docs if d.file.filename == "rechnung.pdf"]
    assert beleg.file.data == pdf
    assert beleg.direction == "mandant"
    assert api.content.get_state(beleg) == "freigegeben"
    [raw] = [d for d in docs if d.file.contentType == "application/json"]
    answer = json.loads(raw.file.data)["answers"]["beleg"]
    assert answer["filename"] == "rechnung.pdf"
    assert answer["dokument_uid"] == api.content.get_uuid(beleg)


LONG_MODEL = easyform_model("""
    <field name="schilderung" type="zope.schema.Text">
      <title>Schildern Sie den Sachverhalt (Größe, Maße, Schäden)</title>
    </field>
""")


def test_long_answers_with_umlauts_in_the_pdf(akte_web):
    mandat = akte_web["mandat_a"]
    with api.env.adopt_user(username="anwalt"):
        form = api.content.create(
            container=mandat,
            type="EasyForm",
            title="Sachverhalt",
            fields_model=LONG_MODEL,
        )
    transaction.commit()
    sentences = [
        f"Satz {n}: Die Größe der Überschwemmung im Erdgeschoß war außergewöhnlich, "
        f"übrigens „schätzungsweise“ {n * 7} m² – ärgerlich für Jörg Müßig."
        for n in range(1, 121)
    ]
    answer = "\n".join(sentences)
    client = session("mandant-a", CLIENT_PASSWORD)
    page = client.get(form.absolute_url())
    client.post(
        form.absolute_url(),
        data={
            "form.widgets.schilderung": answer,
            "form.buttons.submit": "Absenden",
            "_authenticator": authenticator(page.text),
        },
    )
    [pdf_doc] = [
        b.getObject()
        for b in documents(mandat).values()
        if b.getObject().file.contentType == "application/pdf"
    ]
    reader = pypdf.PdfReader(BytesIO(pdf_doc.file.data))
    pages = len(reader.pages)
    assert pages >= 3  # a long answer runs over the pages
    # Without the letterhead and page numbers, the text is the answer as typed.
    lines = [
        line
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.strip() != "KLX Rechtsanwälte" and not line.startswith("Seite ")
    ]
    text = " ".join(" ".join(lines).split())
    assert "Schildern Sie den Sachverhalt (Größe, Maße, Schäden)" in text
    assert " ".join(" ".join(sentences).split()) in text
    assert f"Seite {pages} von {pages}" in pdf_text(pdf_doc.file.data)
