"""Firm name, address and primary colour are edited in "Erscheinungsbild" (one record,
one form); the colour must be dark enough for white text (WCAG AA 4.5:1)."""

from kanzlei.akte.branding.colour import contrast_with_white
from plone import api

import requests
import transaction


PREFIX = "kanzlei.akte.branding."


def test_contrast_follows_wcag():
    assert round(contrast_with_white("#000000"), 2) == 21.0
    assert round(contrast_with_white("#ffffff"), 2) == 1.0
    assert round(contrast_with_white("#767676"), 2) == 4.54  # the known AA limit


def test_firm_fields_live_in_erscheinungsbild_only(functional, staff_admin, base_url):
    portal_url = functional["portal"].absolute_url()
    browser = staff_admin
    browser.open(portal_url + "/@@akte-erscheinungsbild")
    browser.getControl(name="form.widgets.firm_name").value = "Kanzlei Sonnenschein"
    browser.getControl(name="form.widgets.firm_address").value = "Ring 5\n50667 Köln"
    browser.getControl(name="form.widgets.brand_color").value = "#ffd700"  # gold
    browser.getControl(name="form.buttons.save").click()
    assert "Diese Farbe ist zu hell für weiße Schrift: Kontrast 1,40 : 1" in (
        browser.contents
    )
    transaction.begin()
    assert api.portal.get_registry_record(PREFIX + "brand_color") == "#1f4e79"

    browser.getControl(name="form.widgets.brand_color").value = "rot"
    browser.getControl(name="form.buttons.save").click()
    assert "Bitte geben Sie die Hausfarbe als Hexwert an" in browser.contents

    browser.getControl(name="form.widgets.brand_color").value = "#8b0000"
    browser.getControl(name="form.buttons.save").click()
    assert "zu hell" not in browser.contents and "Hexwert an," not in browser.contents
    transaction.begin()
    firm = api.portal.get_registry_record(PREFIX + "firm_name")
    assert firm == "Kanzlei Sonnenschein"

    browser.open(portal_url + "/@@kanzlei-settings")
    assert "form.widgets.firm_name" not in browser.contents
    assert "form.widgets.brand_color" not in browser.contents

    page = requests.get(base_url + "/login", headers={"Accept-Language": "de"}).text
    assert "--akte-brand: #8b0000;" in page
    assert "Kanzlei Sonnenschein" in page and "Ring 5" in page
