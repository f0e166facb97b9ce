"""The whole way in a real browser: staff create a client with online access, the
invitation arrives at a real SMTP server, the client registers with the code from the
staff's letter, lands in the Online-Akte, logs out and logs in again."""

from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_staff

import re
import transaction


STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
CLIENT_PASSWORD = "Zwei Eulen sehen im Dunkeln 9"


def login(page, base_url, username, password):
    page.goto(f"{base_url}/login")
    for name, value in (("kanzlei", "KLXRechtsanwälte"), ("datenbank", "KLX")):
        field = page.locator(f"input[name='{name}']")
        if field.count():
            assert field.input_value() == value  # prefilled from the firm's settings
    page.fill("input[name='__ac_name']", username)
    page.fill("input[name='__ac_password']", password)
    page.locator("form button[type='submit'], form input[type='submit']").filter(
        has_text=re.compile("Anmelden")
    ).first.click()
    page.wait_for_load_state()


def test_invitation_registration_login(
    functional, base_url, smtp_sink, chromium, tmp_path
):
    configure_mailhost(smtp_sink.port)
    make_staff()
    transaction.commit()

    # --- staff: create the client with online access in the real add form ----------
    staff = chromium.new_context(locale="de-DE").new_page()
    staff.set_default_timeout(20000)
    login(staff, base_url, "anwalt", STAFF_PASSWORD)
    staff.goto(f"{base_url}/mandanten/++add++Mandant")
    staff.fill("#form-widgets-IBasic-title, #form-widgets-title", "Erika Mustermann")
    staff.fill("#form-widgets-client_number", "M-4711")
    staff.fill("#form-widgets-street", "Hauptstraße 1")
    staff.fill("#form-widgets-zip_code", "10115")
    staff.fill("#form-widgets-city", "Berlin")
    staff.fill("#form-widgets-email", "erika@example.org")
    staff.check("#form-widgets-online_access-0")
    title_field = staff.locator("#form-widgets-mandat_title")
    if title_field.count():  # the combined form: also the first mandate
        if not title_field.is_visible():
            staff.get_by_role("link", name="Erstes Mandat").first.click()
        title_field.fill("Mietsache Mustermann")
        staff.fill("#form-widgets-mandat_file_number", "47/26")
    staff.click("#form-buttons-save")
    staff.wait_for_load_state()
    mandant_url = staff.url.split("?")[0].rstrip("/")
    mandant_url = re.sub(r"/(view|@@[\w-]+)$", "", mandant_url)
    assert "/mandanten/" in mandant_url

    # --- the invitation e-mail arrives at the SMTP server -----------------------------
    rcpts, message = smtp_sink.wait_for(1, timeout=20)[0]
    assert rcpts == ["erika@example.org"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"(http\S+/@@registrierung\?token=\S+)", body).group(1)

    # --- staff: the access panel, code and printable letter ---------------------------
    staff.goto(f"{mandant_url}/@@akte-zugang")
    assert "eingeladen" in staff.content()
    staff.get_by_role("button", name="Aktivierungscode und Brief").click()
    staff.wait_for_load_state()
    code = staff.locator("#akte-aktivierungscode").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    assert "Erika Mustermann" in staff.content()
    staff.screenshot(path=tmp_path / "letter.png", full_page=True)

    # --- the client: link, code, username, password ----------------------------------
    client = chromium.new_context(locale="de-DE").new_page()
    client.set_default_timeout(20000)
    client.goto(link)
    client.get_by_label("Aktivierungscode", exact=True).fill(code.lower())
    client.get_by_label("Benutzername", exact=True).fill("erika.m")
    client.get_by_label("Passwort", exact=True).fill("12345678")
    assert "schwach" in client.locator("#akte-password-strength").inner_text()
    client.get_by_label("Passwort wiederholen", exact=True).fill("12345678")
    client.get_by_role("button", name="Registrieren").click()
    client.wait_for_load_state()
    # refused with a German explanation; the username stays
    assert "einfache Folge oder Wiederholung" in client.content()
    assert client.get_by_label("Benutzername", exact=True).input_value() == "erika.m"
    client.get_by_label("Aktivierungscode", exact=True).fill(code)
    client.get_by_label("Passwort", exact=True).fill(CLIENT_PASSWORD)
    assert "gut" in client.locator("#akte-password-strength").inner_text()
    assert not client.get_by_text("einfache Folge oder Wiederholung").is_visible()
    client.get_by_label("Passwort wiederholen", exact=True).fill(CLIENT_PASSWORD)
    client.screenshot(path=tmp_path / "registration.png", full_page=True)
    client.get_by_role("button", name="Registrieren").click()
    # the Online-Akte: the overview, which opens a client's only mandate directly
    client.wait_for_url(re.compile(r".*(/@@meine-akte|/mandanten/mandant-).*"))
    client.wait_for_load_state()
    assert "Mietsache Mustermann" in client.content()
    client.screenshot(path=tmp_path / "akte.png", full_page=True)
    assert "userrole-authenticated" in (
        client.locator("body").get_attribute("class") or ""
    )

    # --- staff see "registriert am" ---------------------------------------------
    staff.goto(f"{mandant_url}/@@akte-zugang")
    assert "registriert am" in staff.content() and "erika.m" in staff.content()

    # --- log out, log in again --------------------------------------------------------
    client.goto(f"{base_url}/logout")
    client.goto(f"{base_url}/@@meine-akte")
    assert "userrole-authenticated" not in (
        client.locator("body").get_attribute("class") or ""
    )
    login(client, base_url, "erika.m", CLIENT_PASSWORD)
    client.goto(f"{base_url}/@@meine-akte")
    assert "Mietsache Mustermann" in client.content()
    assert "userrole-authenticated" in (
        client.locator("body").get_attribute("class") or ""
    )
    # the combined add form fired several events: still exactly one invitation mail
    assert len(smtp_sink.messages) == 1
    client.context.close()
    staff.context.close()
