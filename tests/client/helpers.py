"""Helpers of the client page tests."""

import io
import zipfile


PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"


def login(page, base_url, user, password):
    """Log in through the portal's login form (with or without Kanzlei/Datenbank)."""
    page.goto(base_url + "/login")
    page.wait_for_load_state("networkidle")
    form = page.locator("form:has(input[name='__ac_name'])").first
    for name, value in (("kanzlei", "KLXRechtsanwälte"), ("datenbank", "KLX")):
        field = form.locator(f"input[name='{name}']")
        if field.count() and not field.first.input_value():
            field.first.fill(value)
    form.locator("input[name='__ac_name']").fill(user)
    form.locator("input[name='__ac_password']").fill(password)
    form.locator("button[type='submit'], input[type='submit']").first.click()
    page.wait_for_load_state()
    page.wait_for_function("!location.pathname.endsWith('/login')")


def zip_names(body):
    return sorted(zipfile.ZipFile(io.BytesIO(body)).namelist())


def zip_read(body, name):
    return zipfile.ZipFile(io.BytesIO(body)).read(name)


def denied(page, response):
    """True when the portal refused the page (error status, login or no-access page)."""
    return (
        response.status in (401, 403, 404)
        or "insufficient-privileges" in page.url
        or "/login" in page.url
        or "__ac_password" in page.content()
    )
