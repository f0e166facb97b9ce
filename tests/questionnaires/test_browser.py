"""In the browser: a lawyer adds a questionnaire, a client answers, lawyer reads."""

from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
from plone import api
from tests.questionnaires.helpers import CLIENT_PASSWORD
from tests.questionnaires.helpers import login
from tests.questionnaires.helpers import STAFF_PASSWORD

import transaction


def choose(page, field, label):
    """Tick the radio button ``label`` of a choice field."""
    box = page.locator(f"#formfield-form-widgets-{field}")
    box.get_by_label(label, exact=True).check()


def test_lawyer_adds_client_answers_lawyer_reads(akte_web, page, chromium, base_url):
    mandat_url = akte_web["mandat_a"].absolute_url()

    # The lawyer puts the template "Verkehrsunfall" into the mandate.
    staff_context = chromium.new_context(locale="de-DE")
    staff = staff_context.new_page()
    staff.set_default_timeout(15000)
    login(staff, base_url, "anwalt", STAFF_PASSWORD)
    staff.goto(mandat_url + "/@@fragebogen-hinzufuegen")
    staff.get_by_label("Verkehrsunfall", exact=False).first.check()
    staff.get_by_role("button", name="Fragebogen anlegen").click()
    staff.wait_for_load_state()
    assert "Der Fragebogen wurde angelegt" in staff.content()
    form_url = staff.url.split("?")[0].rstrip("/")
    if form_url.endswith("/view"):
        form_url = form_url[: -len("/view")]

    # The client fills it in; a required field is missing first.
    login(page, base_url, "mandant-a", CLIENT_PASSWORD)
    # ... and finds it as "offener Fragebogen" in the mandate of the Online-Akte.
    page.goto(mandat_url)
    listing = page.locator(".akte-fragebogen")
    assert "offener Fragebogen" in listing.inner_text()
    listing.get_by_role("link", name="Verkehrsunfall").click()
    page.wait_for_load_state()
    assert page.url.split("?")[0].rstrip("/").removesuffix("/view") == form_url
    assert page.locator("h1").first.inner_text() == "Verkehrsunfall"
    page.fill("#form-widgets-unfalldatum", "2026-11-20")
    choose(page, "beteiligung", "Fahrer/in")
    page.fill("#form-widgets-hergang", "Der Gegner fuhr bei Rot über die Kreuzung.")
    choose(page, "polizei", "ja")
    choose(page, "verletzt", "nein")
    choose(page, "gutachten", "nein")
    page.check("#form-widgets-bestaetigung-0")
    page.get_by_role("button", name="Fragebogen absenden").click()
    page.wait_for_load_state()
    error = page.locator(
        "#formfield-form-widgets-unfallort .invalid-feedback, "
        "#formfield-form-widgets-unfallort .fieldErrorBox"
    )
    assert "Erforderliche Eingabe fehlt" in error.first.inner_text()
    assert (
        page.input_value("#form-widgets-hergang")
        == "Der Gegner fuhr bei Rot über die Kreuzung."
    )
    page.fill("#form-widgets-unfallort", "Köln, Aachener Straße")
    page.get_by_role("button", name="Fragebogen absenden").click()
    page.wait_for_load_state()
    assert "Vielen Dank!" in page.content()

    page.goto(form_url)
    assert "beantwortet am" in page.locator("#content").inner_text()
    assert page.get_by_role("button", name="Fragebogen absenden").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    page.get_by_role("link", name="Ihre Antworten ansehen").click()
    page.wait_for_load_state()
    assert "Fragebogen Verkehrsunfall: Antworten" in page.content()

    # The lawyer reads the answers in the mandate.
    staff.goto(form_url)
    assert "Beantwortet am" in staff.content()
    staff.get_by_role("link", name="Antworten ansehen").click()
    staff.wait_for_load_state()
    transaction.begin()
    [brain] = api.content.find(
        context=akte_web["mandat_a"],
        portal_type="Dokument",
        review_state="freigegeben",
        object_provides=IFragebogenAntworten.__identifier__,
    )
    answers = staff.request.get(brain.getURL() + "/@@download/file")
    assert "Köln, Aachener Straße" in answers.text()
    assert "Der Gegner fuhr bei Rot über die Kreuzung." in answers.text()
    staff_context.close()
