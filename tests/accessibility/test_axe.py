"""axe-core finds no WCAG 2.1 A/AA violation on any page a client or visitor sees:
on the desktop and at 360 px, in German and in English."""

from tests.accessibility.axe import violations
from tests.client.helpers import login
from tests.client.helpers import PASSWORD

import pytest


VISITOR_PAGES = {
    "Startseite": "/",
    "Anmeldung": "/login",
    "Registrierung": "/@@registrierung?token={token}",
    "Passwort vergessen": "/@@login-help",
    "Barrierefreiheit": "/@@barrierefreiheit",
    "Seite nicht gefunden": "/gibt-es-nicht",
}
CLIENT_PAGES = {
    "Meine Akte": "/@@meine-akte",
    "Mandat (Dokumente, Hochladen, Nachrichten)": "{m1}/@@akte-mandat",
    "Nachricht schreiben": "{m1}/@@akte-nachricht-senden",
    "Meine Daten (Benachrichtigungen)": "/@@meine-daten",
    "Anmeldung absichern": "/@@anmeldung-absichern",
    "Fragebogen": "{fragebogen}",
}


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("locale", ["de-DE", "en-US"])
def test_no_axe_violations(a11y_data, base_url, chromium, locale, width):
    context = chromium.new_context(
        locale=locale, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    urls = {
        "token": a11y_data["token"],
        "m1": a11y_data["m1"].absolute_url().removeprefix(base_url),
        "fragebogen": a11y_data["fragebogen"].absolute_url().removeprefix(base_url),
    }
    report = []

    def check(pages):
        for name, path in pages.items():
            page.goto(base_url + path.format(**urls))
            page.wait_for_load_state("networkidle")
            found = violations(page)
            if found:
                report.append(f"{name} ({page.url}):")
                report.extend("  " + line for line in found)

    try:
        check(VISITOR_PAGES)
        login(page, base_url, "mandant-a", PASSWORD)
        check(CLIENT_PAGES)
    finally:
        context.close()
    assert not report, "\n".join(report)
