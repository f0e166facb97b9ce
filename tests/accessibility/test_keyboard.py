"""Keyboard only, no mouse: log in, open a mandate, download a document, upload a
file, write a message, change the notification setting; every element that gets the
focus on the way shows it (outline or box shadow differs from its unfocused look)."""

from kanzlei.akte.mail.preferences import get_preference
from kanzlei.akte.mail.preferences import TAEGLICH
from plone import api
from tests.client.helpers import PASSWORD

import transaction


# The focused element's focus ring against the look of an unfocused copy of it, put
# next to it for a moment (same classes, same place in the page).
FOCUS_LOOK = """() => {
    const el = document.activeElement;
    const look = (node) => {
        const s = getComputedStyle(node);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|");
    };
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
        || s.boxShadow !== "none";
    const copy = el.cloneNode(false);
    copy.removeAttribute("id");
    el.after(copy);
    const unfocused = look(copy);
    copy.remove();
    return {
        element: el.outerHTML.slice(0, 160),
        visible: ring && look(el) !== unfocused,
        // the calendar button inside a date field: Chromium rings it itself (seen
        // in a screenshot), in its own shadow tree where no style can be read
        picker: el.type === "date" && !el.matches(":focus"),
    };
}"""


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``; on the way every
    focused element must show a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            continue
        look = page.evaluate(FOCUS_LOOK)
        assert look["visible"] or look["picker"], f"no visible focus: {look['element']}"
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_walk(akte, base_url, page):
    mandat_url = akte["m1"].absolute_url()
    page.goto(base_url + "/login")
    tab_to(page, "input[name='__ac_name']")
    page.keyboard.type("mandant-a")
    tab_to(page, "input[name='__ac_password']")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/@@meine-akte")

    # Open the mandate from the overview.
    tab_to(page, f"a[href^='{mandat_url}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Klageschrift" in page.inner_text("main")

    # Download a document: its title link.
    tab_to(page, ".akte-doc-title a:not(.akte-preview)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")

    # Upload: the file input opens the system's dialog, which Playwright answers.
    tab_to(page, "form.akte-upload input[type='file']")
    page.locator("form.akte-upload input[type='file']").set_input_files(
        {"name": "Mietvertrag.pdf", "mimeType": "application/pdf",
         "buffer": b"%PDF-1.4 Mietvertrag"}
    )  # fmt: skip
    tab_to(page, "form.akte-upload button[type='submit'], form.akte-upload button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".akte-upload-list li.akte-done")

    # Write a message.
    tab_to(page, "input[name='betreff']")
    page.keyboard.type("Frage per Tastatur")
    tab_to(page, "textarea[name='text']")
    page.keyboard.type("Geschrieben ohne Maus.")
    tab_to(page, "button[name='senden']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Ihre Nachricht wurde gesendet." in page.inner_text("body")

    # The notification setting, on "Meine Daten" (header link).
    tab_to(page, "a[href$='@@meine-daten']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#benachrichtigungen input[type='radio']")
    label = ""
    for _ in range(5):  # a radio group is one Tab stop; arrows choose in it
        label = page.evaluate("() => document.activeElement.labels[0].innerText")
        if "täglich" in label:
            break
        page.keyboard.press("ArrowDown")
    assert "täglich" in label
    tab_to(page, "#benachrichtigungen button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#benachrichtigungen").get_by_label("täglich").is_checked()
    transaction.begin()
    assert get_preference("mandant-a")["mode"] == TAEGLICH
    uploaded = api.content.find(context=akte["m1"], Title="Mietvertrag.pdf")
    assert len(uploaded) == 1
