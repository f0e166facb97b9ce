"""++add++Mandant: a Mandant and its first Mandat in one form, with validation."""

from kanzlei.akte.testing import make_client
from plone import api

import transaction


def open_form(browser, portal):
    browser.open(portal["mandanten"].absolute_url() + "/++add++Mandant")
    assert "Erstes Mandat" in browser.contents


def fill(browser, **values):
    defaults = {
        "title": "Clara Client",
        "client_number": "K-100",
        "email": "clara@example.org",
    }
    defaults.update(values)
    for name, value in defaults.items():
        browser.getControl(name=f"form.widgets.{name}").value = value


def mandanten(portal):
    return api.content.find(context=portal["mandanten"], portal_type="Mandant")


def test_mandant_with_first_mandate(functional, staff_browser):
    portal = functional["portal"]
    open_form(staff_browser, portal)
    fill(
        staff_browser,
        mandat_title="Kaufvertrag Haus",
        mandat_file_number="500/26",
        mandat_opposing_party="Verkäufer AG",
    )
    staff_browser.getControl(
        name="form.widgets.mandat_responsible_lawyer:list"
    ).value = [b"anwalt".hex()]
    staff_browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    [brain] = mandanten(portal)
    mandant = brain.getObject()
    assert mandant.client_number == "K-100"
    assert not mandant.getId().startswith("clara")  # opaque id
    [mandat] = [o for o in mandant.objectValues() if o.portal_type == "Mandat"]
    assert mandat.title == "Kaufvertrag Haus"
    assert mandat.file_number == "500/26"
    assert mandat.opposing_party == "Verkäufer AG"
    assert mandat.responsible_lawyer == "anwalt"
    assert api.content.get_state(mandat) == "offen"
    assert "Mandat 500/26 angelegt" in staff_browser.contents


def test_empty_mandate_fields_create_only_the_mandant(functional, staff_browser):
    portal = functional["portal"]
    open_form(staff_browser, portal)
    fill(staff_browser)
    staff_browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    [brain] = mandanten(portal)
    assert not [
        o for o in brain.getObject().objectValues() if o.portal_type == "Mandat"
    ]


def test_duplicates_and_bad_input_store_nothing(functional, staff_browser):
    portal = functional["portal"]
    make_client(portal, "Vorhanden", "K-1", "1/26")
    transaction.commit()
    cases = [
        ({"client_number": "K-1"}, "Die Mandantennummer K-1 ist bereits vergeben."),
        (
            {"mandat_title": "X", "mandat_file_number": "1/26"},
            "Das Aktenzeichen 1/26 ist bereits vergeben.",
        ),
        ({"email": "kein-at-zeichen"}, "Die angegebene E-Mail ist ungültig."),
        (
            {"mandat_opposing_party": "Nur ein Gegner"},
            "Für das erste Mandat bitte Gegenstand und Aktenzeichen angeben",
        ),
    ]
    for values, message in cases:
        open_form(staff_browser, portal)
        fill(staff_browser, title="Neuer Mandant", **values)
        staff_browser.getControl(name="form.buttons.save").click()
        assert message in staff_browser.contents, values
        # what was typed is kept
        assert (
            staff_browser.getControl(name="form.widgets.title").value == "Neuer Mandant"
        )
    transaction.begin()
    assert [b.Title for b in mandanten(portal)] == ["Vorhanden"]
    assert len(api.content.find(portal_type="Mandat")) == 1


def test_edit_form_refuses_duplicate_but_keeps_own_number(functional, staff_browser):
    portal = functional["portal"]
    make_client(portal, "Erster", "K-1", "1/26")
    mandant, mandat = make_client(portal, "Zweiter", "K-2", "2/26")
    transaction.commit()
    staff_browser.open(mandant.absolute_url() + "/edit")
    staff_browser.getControl(name="form.widgets.client_number").value = "K-1"
    staff_browser.getControl(name="form.buttons.save").click()
    assert "Die Mandantennummer K-1 ist bereits vergeben." in staff_browser.contents
    staff_browser.open(mandat.absolute_url() + "/edit")
    staff_browser.getControl(name="form.widgets.file_number").value = "1/26"
    staff_browser.getControl(name="form.buttons.save").click()
    assert "Das Aktenzeichen 1/26 ist bereits vergeben." in staff_browser.contents
    # the plain Mandat add form checks it as well
    staff_browser.open(mandant.absolute_url() + "/++add++Mandat")
    staff_browser.getControl(name="form.widgets.title").value = "Noch eins"
    staff_browser.getControl(name="form.widgets.file_number").value = " 1/26 "
    staff_browser.getControl(name="form.buttons.save").click()
    assert "Das Aktenzeichen 1/26 ist bereits vergeben." in staff_browser.contents
    # saving an unchanged number is fine
    staff_browser.open(mandant.absolute_url() + "/edit")
    staff_browser.getControl(name="form.widgets.phone").value = "0123 45"
    staff_browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert mandant.client_number == "K-2"
    assert mandant.phone == "0123 45"
    assert mandat.file_number == "2/26"
    assert len(api.content.find(portal_type="Mandat")) == 2
