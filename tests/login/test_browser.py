"""The login form in a real browser (Debian's chromium)."""

from .conftest import PASSWORD
from kanzlei.akte.testing import make_client

import transaction


def test_login_form_in_browser(functional, base_url, page):
    make_client(functional["portal"], "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()

    page.goto(f"{base_url}/login")
    assert page.locator("label", has_text="Kanzlei").count() >= 1
    assert page.input_value("input[name=kanzlei]") == "KLXRechtsanwälte"
    assert page.input_value("input[name=datenbank]") == "KLX"
    # a wrong Datenbank: generic message, typed values kept
    page.fill("input[name=datenbank]", "FALSCH")
    page.fill("input[name=__ac_name]", "mueller")
    page.fill("input[name=__ac_password]", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("text=Die Anmeldung ist fehlgeschlagen")
    assert page.input_value("input[name=datenbank]") == "FALSCH"
    assert page.input_value("input[name=__ac_name]") == "mueller"
    assert page.input_value("input[name=__ac_password]") == ""

    page.fill("input[name=datenbank]", "KLX")
    page.fill("input[name=__ac_password]", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("body.userrole-authenticated")

    # the link from the firm's text prefills from the query
    page.goto(f"{base_url}/logout")
    page.goto(f"{base_url}/login?kanzlei=KLXRechtsanw%C3%A4lte&datenbank=KLX")
    assert page.input_value("input[name=kanzlei]") == "KLXRechtsanwälte"
    page.fill("input[name=__ac_name]", "mueller")
    page.fill("input[name=__ac_password]", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("body.userrole-authenticated")
