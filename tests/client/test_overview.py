"""Meine Online-Akte: mandates, new counts, "Suche", closed apart, no toolbar."""

from .helpers import denied
from .helpers import login
from .helpers import PASSWORD
from playwright.sync_api import expect


def test_overview_lists_searches_and_hides_plone(akte, base_url, page, screenshots):
    login(page, base_url, "mandant-a", PASSWORD)
    assert page.url.endswith("/@@meine-akte")  # clients land here after login
    open_section = page.locator("section.akte-mandates:not(.akte-closed)")
    closed_section = page.locator("section.akte-closed")
    assert "Laufende Mandate" in open_section.inner_text()
    assert "101/26" in open_section.inner_text()
    assert "102/26" in open_section.inner_text()
    assert "099/25" not in open_section.inner_text()
    assert "099/25" in closed_section.inner_text()
    card = page.locator(".akte-card", has_text="101/26")
    assert "Mietsache Schillerstraße" in card.inner_text()
    assert "Gegner GmbH" in card.inner_text()
    assert "Dr. Anna Anwalt" in card.inner_text()
    assert card.locator(".akte-badge").inner_text().strip() == "4 neu"
    assert (
        page.locator(".akte-card", has_text="102/26").locator(".akte-badge").count()
        == 0
    )
    # Nothing of client B, no Plone editing toolbar or site setup for a client.
    body = page.content()
    for secret in ("201/26", "Verkehrsunfall", "Bernd Beta"):
        assert secret not in body
    assert page.locator("#edit-zone").count() == 0
    assert "@@overview-controlpanel" not in body

    page.screenshot(path=str(screenshots / "meine-akte.png"), full_page=True)

    page.get_by_label("Aktenzeichen, Gegenstand oder Gegner").fill("arbeitgeber")
    page.locator(".akte-search").get_by_role("button", name="Suche").click()
    page.wait_for_url("**q=arbeitgeber**")
    cards = page.locator(".akte-card")
    expect(cards).to_have_count(1)
    assert "102/26" in cards.first.inner_text()

    page.get_by_label("Aktenzeichen, Gegenstand oder Gegner").fill("")
    page.get_by_label("Zeitraum von").fill("2001-01-01")
    page.get_by_label("bis", exact=True).fill("2001-12-31")
    page.locator(".akte-search").get_by_role("button", name="Suche").click()
    page.wait_for_url("**von=2001-01-01**")
    expect(page.locator(".akte-card")).to_have_count(0)
    assert "Keine Akte passt zu Ihrer Suche." in page.inner_text("body")

    # Bad input: a German message, the input kept, nothing breaks.
    page.goto(base_url + "/@@meine-akte?alle=1&q=101&von=31.02.2026")
    assert "Bitte ein Datum wie 31.12.2026 eingeben." in page.inner_text("body")
    assert (
        page.get_by_label("Aktenzeichen, Gegenstand oder Gegner").input_value() == "101"
    )
    assert page.locator(".akte-card").count() == 1

    page.get_by_role("link", name="Mietsache Schillerstraße").click()
    page.wait_for_load_state()
    assert "Klageschrift" in page.inner_text("body")

    for url in ("/@@overview-controlpanel", "/@@usergroup-userprefs", "/mandanten"):
        response = page.goto(base_url + url)
        assert "Bernd Beta" not in page.content()
        assert "Anna Alpha" not in page.content()
        assert denied(page, response)


def test_single_mandate_goes_straight_in(akte, base_url, page):
    login(page, base_url, "mandant-b", PASSWORD)
    assert page.url.startswith(akte["mb"].absolute_url())
    assert "201/26" in page.inner_text("body")
    assert "Geheimes Gutachten B" in page.inner_text("body")
    for secret in ("101/26", "Mietsache", "Anna Alpha", "Klageschrift"):
        assert secret not in page.content()
