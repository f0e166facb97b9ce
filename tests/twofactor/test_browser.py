"""The two-factor login in a real browser (Debian's chromium): set up with the
secret shown on the page, log out, log in with password and code; a wrong code is
refused in German; a recovery code works once."""

from kanzlei.akte.testing import make_client
from tests.client.helpers import login
from tests.twofactor.helpers import code
from tests.twofactor.helpers import PASSWORD
from tests.twofactor.helpers import wrong_code

import transaction


def second_step(page, value):
    page.wait_for_selector("text=Anmeldung bestätigen")
    page.fill("input[name=code]", value)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def test_set_up_and_log_in_with_the_code(functional, base_url, page):
    make_client(functional["portal"], "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    login(page, base_url, "mueller", PASSWORD)
    page.goto(f"{base_url}/@@meine-daten")
    page.get_by_role("link", name="Anmeldung absichern").click()
    page.wait_for_selector(".akte-qr svg")
    secret = page.inner_text("#akte-2fa-secret").replace(" ", "")
    page.fill("input[name=code]", code(secret))
    page.get_by_role("button", name="Zwei-Faktor-Anmeldung einschalten").click()
    page.wait_for_selector("text=Ihre Wiederherstellungscodes")
    recovery = page.locator(".akte-recovery-codes code").all_inner_texts()
    assert len(recovery) == 10

    page.goto(f"{base_url}/logout")
    login(page, base_url, "mueller", PASSWORD)
    assert "anmeldung-bestaetigen" in page.url
    assert "userrole-anonymous" in page.get_attribute("body", "class")
    second_step(page, wrong_code(secret))
    page.wait_for_selector("text=Der Code ist nicht richtig oder abgelaufen")
    assert "userrole-anonymous" in page.get_attribute("body", "class")
    second_step(page, code(secret, 1))
    page.wait_for_selector("body.userrole-authenticated")

    # a recovery code instead of the phone: once
    page.goto(f"{base_url}/logout")
    login(page, base_url, "mueller", PASSWORD)
    second_step(page, recovery[0])
    page.wait_for_selector("body.userrole-authenticated")
    page.goto(f"{base_url}/logout")
    login(page, base_url, "mueller", PASSWORD)
    second_step(page, recovery[0])
    page.wait_for_selector("text=Der Code ist nicht richtig oder abgelaufen")
    assert "userrole-anonymous" in page.get_attribute("body", "class")
