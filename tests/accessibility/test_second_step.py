"""axe-core on the second step of a two-factor login ("Anmeldung bestätigen"), which
needs a right password first: no WCAG 2.1 A/AA violation, German and English, also
with the error message of a wrong code."""

from kanzlei.akte.testing import make_client
from tests.accessibility.axe import violations
from tests.client.helpers import login
from tests.twofactor.helpers import enable
from tests.twofactor.helpers import PASSWORD
from tests.twofactor.helpers import wrong_code

import pytest
import transaction


@pytest.mark.parametrize("locale", ["de-DE", "en-US"])
def test_second_step_page(functional, base_url, chromium, locale):
    make_client(functional["portal"], "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    secret, _codes = enable(functional["portal"], "mueller")
    context = chromium.new_context(
        locale=locale, viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, base_url, "mueller", PASSWORD)
        assert "anmeldung-bestaetigen" in page.url
        report = violations(page)
        page.fill("input[name=code]", wrong_code(secret))
        page.locator("button[name='form.submitted']").click()
        page.wait_for_selector("#akte-otp-error")
        report += violations(page)
    finally:
        context.close()
    assert not report, "\n".join(report)
