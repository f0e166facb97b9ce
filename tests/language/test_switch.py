"""Deutsch | English in the header: the choice beats the browser's language, a
client keeps it in the account (also after logging in from a new browser)."""

from plone import api
from tests.client.helpers import login
from tests.client.helpers import PASSWORD

import transaction


def switch(page, name):
    page.locator(".akte-brand-lang").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def stored_language(userid):
    transaction.begin()  # see what the server committed
    return api.user.get(userid=userid).getProperty("language")


def test_visitor_switches_the_login_page_to_english(akte, base_url, browser_de):
    page = browser_de()
    page.goto(base_url + "/login")
    assert page.locator("html").get_attribute("lang") == "de"
    assert "Anmelden" in page.inner_text("header")

    switch(page, "English")

    assert page.url.split("?")[0].endswith("/login")
    assert page.locator("html").get_attribute("lang") == "en"
    header = page.inner_text("header")
    assert "Log in" in header
    assert "Anmelden" not in header
    pressed = page.locator(".akte-brand-lang button[aria-pressed='true']")
    assert pressed.inner_text() == "English"
    # the choice stays for the next page, whatever the browser asks for
    page.goto(base_url + "/@@barrierefreiheit")
    assert page.locator("html").get_attribute("lang") == "en"

    switch(page, "Deutsch")
    assert page.locator("html").get_attribute("lang") == "de"
    assert "Anmelden" in page.inner_text("header")


def test_client_keeps_english_in_the_account(akte, base_url, browser_de):
    page = browser_de()
    login(page, base_url, "mandant-a", PASSWORD)
    page.goto(base_url + "/@@meine-akte")
    assert "Meine Akten" in page.inner_text("header")

    switch(page, "English")
    assert page.url.startswith(base_url + "/@@meine-akte")
    header = page.inner_text("header")
    assert "My files" in header and "Log out" in header
    assert stored_language("mandant-a") == "en"
    page.get_by_role("link", name="Log out").click()
    page.wait_for_load_state()

    # a new browser that asks for German, nothing stored: English after the login
    page = browser_de()
    page.goto(base_url + "/login")
    assert page.locator("html").get_attribute("lang") == "de"
    login(page, base_url, "mandant-a", PASSWORD)
    page.goto(base_url + "/@@meine-daten")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "My data" in page.inner_text("header")

    switch(page, "Deutsch")
    assert page.locator("html").get_attribute("lang") == "de"
    assert "Meine Daten" in page.inner_text("header")
    assert stored_language("mandant-a") == "de"


def test_switch_returns_only_to_the_portal_and_writes_only_on_post(
    akte, base_url, browser_de
):
    page = browser_de()
    login(page, base_url, "mandant-a", PASSWORD)
    for evil in ("https://evil.example/x", "//evil.example/x", "javascript:alert(1)"):
        response = page.request.get(
            base_url + "/@@akte-sprache",
            params={"sprache": "en", "came_from": evil},
            max_redirects=0,
        )
        assert response.status == 302, evil
        assert response.headers["location"] == base_url, evil
    # a GET (a link on another site) sets the cookie of this browser only
    assert stored_language("mandant-a") == ""
    response = page.request.get(
        base_url
        + "/@@akte-sprache?sprache=en&came_from="
        + base_url
        + "/@@meine-daten",
        max_redirects=0,
    )
    assert response.headers["location"] == base_url + "/@@meine-daten"
    assert stored_language("mandant-a") == ""
    page.goto(base_url + "/@@meine-daten")
    assert page.locator("html").get_attribute("lang") == "en"
