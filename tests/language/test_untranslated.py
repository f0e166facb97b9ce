"""Every page a client or visitor sees is translated in both languages: no message
id of our catalogue and no unfilled ``${…}`` shows, and the English pages carry none
of the German words of our own texts."""

from pathlib import Path
from tests.client.helpers import login
from tests.client.helpers import PASSWORD
from zope.i18n import translate

import kanzlei.akte
import pytest
import re


PO = Path(kanzlei.akte.__file__).parent / "locales/de/LC_MESSAGES/kanzlei.akte.po"
# our message ids look like "client_nav_logout": lower case words joined by "_"
MSGIDS = sorted(
    msgid
    for msgid in re.findall(r'^msgid "(.+)"$', PO.read_text(), re.MULTILINE)
    if re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", msgid)
)
MSGID = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, MSGIDS)) + r")(?![\w-])")
LEFTOVER = re.compile(r"\$\{\w*\}?")
# German words of our own texts (not the firm's or the client's content)
GERMAN = (
    "Meine Akten",
    "Meine Daten",
    "Abmelden",
    "Anmelden",
    "Dokumente",
    "Nachricht",
    "Passwort",
    "Benutzername",
    "Absenden",
    "Hochladen",
    "Bitte",
)
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
    "Mandat": "{m1}/@@akte-mandat",
    "Nachricht schreiben": "{m1}/@@akte-nachricht-senden",
    "Meine Daten": "/@@meine-daten",
    "Anmeldung absichern": "/@@anmeldung-absichern",
}
# what a user reads: the text and the attributes a browser shows or reads out
SHOWN = """() => [document.title, document.body.innerText].concat(
  Array.from(document.querySelectorAll(
    '[aria-label], [title], [placeholder], [alt], input[type=submit], button'
  )).flatMap(e => ['aria-label', 'title', 'placeholder', 'alt', 'value']
    .map(a => e.getAttribute(a) || ''))
).join('\\n')"""


@pytest.mark.parametrize("language", ["Deutsch", "English"])
def test_no_untranslated_text(a11y_data, base_url, chromium, language):
    context = chromium.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15000)
    urls = {
        "token": a11y_data["token"],
        "m1": a11y_data["m1"].absolute_url().removeprefix(base_url),
    }
    report = []

    def expected(msgid):
        target = "en" if language == "English" else "de"
        return translate(msgid, domain="kanzlei.akte", target_language=target)

    def check_shown(name):
        text = page.evaluate(SHOWN)
        found = set(MSGID.findall(text)) | set(LEFTOVER.findall(text))
        if language == "English":
            assert page.locator("html").get_attribute("lang") == "en", name
            found |= {word for word in GERMAN if word in text}
        if found:
            report.append(f"{name} ({page.url}): {sorted(found)}")

    def check(pages):
        for name, path in pages.items():
            page.goto(base_url + path.format(**urls))
            page.wait_for_load_state("networkidle")
            check_shown(name)

    def check_login_error():
        page.goto(base_url + "/login")
        form = page.locator("form:has(input[name='__ac_name'])").first
        form.locator("input[name='__ac_name']").fill("mandant-a")
        form.locator("input[name='__ac_password']").fill("falsch")
        form.locator("button[type='submit'], input[type='submit']").first.click()
        page.wait_for_load_state()
        assert expected("login_failed") in page.inner_text("body")
        check_shown("Anmeldung fehlgeschlagen")

    def check_message_error():
        page.goto(base_url + urls["m1"] + "/@@akte-nachricht-senden")
        form = page.locator("form:has(input[name='betreff'])")
        form.locator("input[name='betreff']").fill(" ")  # passes "required" only
        form.locator("textarea[name='text']").fill(" ")
        form.locator("button[name='senden']").click()
        page.wait_for_load_state()
        assert expected("client_msg_subject_missing") in page.inner_text("body")
        check_shown("Nachricht ohne Betreff")

    try:
        page.goto(base_url + "/login")
        page.locator(".akte-brand-lang").get_by_role("button", name=language).click()
        page.wait_for_load_state()
        check(VISITOR_PAGES)
        check_login_error()
        login(page, base_url, "mandant-a", PASSWORD)
        check(CLIENT_PAGES)
        check_message_error()
    finally:
        context.close()
    assert not report, "\n".join(report)


SRC = Path(kanzlei.akte.__file__).parent
# the code that writes what a client or an invited person reads in a mail or letter
MAIL_AND_LETTER = (
    *sorted((SRC / "mail").glob("*.py")),
    SRC / "accounts/invitation_mail.py",
    SRC / "pas/reset.py",
    SRC / "browser/onboarding/access.py",
    SRC / "browser/onboarding/templates/brief_inhalt.pt",
)
USED = re.compile(r'_\(\s*"([a-z][a-z0-9_]+)"|i18n:translate="([a-z][a-z0-9_]+)"')


def mail_and_letter_msgids():
    found = set()
    for path in MAIL_AND_LETTER:
        for match in USED.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return sorted(found)


def test_every_msgid_of_mails_and_the_letter_has_an_english_translation(integration):
    """German comes from the defaults in the code and templates (the German
    catalogue may leave them empty); English needs its own text for each."""
    msgids = mail_and_letter_msgids()
    assert len(msgids) > 50  # the scan finds them (mail texts, letter, labels)
    missing = [
        msgid
        for msgid in msgids
        if translate(msgid, domain="kanzlei.akte", target_language="en") in ("", msgid)
    ]
    assert not missing, missing


def assert_no_raw_msgid(*texts):
    """What a mail or letter says shows no message id and no unfilled ``${…}``."""
    for text in texts:
        assert not MSGID.findall(text), MSGID.findall(text)
        assert not LEFTOVER.findall(text), LEFTOVER.findall(text)
