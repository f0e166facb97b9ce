"""Helpers of the client page tests."""

from urllib.parse import urlsplit

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


REFUSAL_PAGES = ("/insufficient-privileges", "/login", "/require_login")


def denied(page, response):
    """True when the portal refused the page.

    Either an error status (401, 403, 404), or Plone's refusal: a redirect (the
    browser followed it) to the no-access page or to the login form, ending there
    with 200. A page that merely contains a login form (a portlet, a form on the
    page itself) is no refusal.
    """
    if response.status in (401, 403, 404):
        return True
    path = urlsplit(page.url).path
    return (
        response.status == 200
        and response.request.redirected_from is not None
        and path.endswith(REFUSAL_PAGES)
    )
