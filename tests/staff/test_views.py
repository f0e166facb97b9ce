"""The default views of Mandant and Mandat: staff page for staff, client page else."""

from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from tests.staff.conftest import browser_for
from tests.staff.conftest import CLIENT_PASSWORD

import transaction


def test_mandant_staff_page(functional, staff_browser):
    portal = functional["portal"]
    mandant, mandat = make_client(
        portal, "Beispiel GmbH", "F-7", "7/26", userid="erika"
    )
    with api.env.adopt_roles(["Manager"]):
        mandant.client_type = "firma"
        mandant.city = "München"
        kontakt = api.content.create(
            container=mandant,
            type="Kontaktperson",
            title="Erika E",
            email="e@example.org",
        )
        link_user(mandant, "erika", kontaktperson=kontakt)
    transaction.commit()
    staff_browser.open(mandant.absolute_url())
    html = staff_browser.contents
    for text in ("Mandantendaten", "F-7", "Unternehmen", "München", "Erika E",
                 "e@example.org", "7/26", "Mietsache", "offen", "erika", "aktiv",
                 "Mandat anlegen", 'id="akte-zugang"'):  # fmt: skip
        assert text in html, text
    assert html.count('id="akte-zugang"') == 1  # the panel is not wrapped twice
    staff_browser.getLink("7/26").click()
    assert "Dokumente hinzufügen" in staff_browser.contents


def test_client_gets_the_client_pages(functional):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    transaction.commit()
    browser = browser_for(functional["app"], "clienta", CLIENT_PASSWORD)
    for obj in (mandant, mandat):
        browser.open(obj.absolute_url())
        html = browser.contents
        assert "Zugänge zur Online-Akte" not in html
        assert "Auswahl freigeben" not in html
        assert "Mandat anlegen" not in html
        assert 'id="akte-zugang"' not in html
    browser.open(mandat.absolute_url())
    assert "1/26" in browser.contents  # the client view of their own mandate


def test_read_status_counts_only_what_the_client_sees(functional, staff_browser):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Anna A", "A-2", "2/26", userid="clientb")
    for title in ("Klage", "Ladung", "Urteil", "Interne Notiz"):
        doc = add_document(mandat, title=title)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(doc, transition="zurueckziehen")
    transaction.commit()
    staff_browser.open(mandat.absolute_url())
    html = staff_browser.contents
    assert "0 von 3 Dokumenten geöffnet" in html
    status = html.split('id="akte-lesestatus"', 1)[1]
    assert "Interne Notiz" not in status
