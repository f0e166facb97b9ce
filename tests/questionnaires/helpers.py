"""Helpers of the questionnaire tests."""

from plone import api

import re


CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"


def add_questionnaire(mandat, preset_id, request, title=""):
    """Add a questionnaire from a template as the lawyer ``anwalt``."""
    from kanzlei.akte.questionnaires.presets import add_from_preset

    with api.env.adopt_user(username="anwalt"):
        return add_from_preset(mandat, preset_id, title, request)


def authenticator(html):
    """The plone.protect token of a rendered form."""
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)


def login(page, base_url, user, password):
    """Log in through the login form (fills Kanzlei/Datenbank if the form has them)."""
    page.goto(base_url + "/login")
    form = page.locator("form:has(input[name='__ac_name'])").first
    for name, value in (("kanzlei", "KLXRechtsanwälte"), ("datenbank", "KLX")):
        field = form.locator(f"input[name='{name}']")
        if field.count() and not field.first.input_value():
            field.first.fill(value)
    form.locator("input[name='__ac_name']").fill(user)
    form.locator("input[name='__ac_password']").fill(password)
    with page.expect_navigation():
        form.locator("button[type='submit'], input[type='submit']").first.click()
