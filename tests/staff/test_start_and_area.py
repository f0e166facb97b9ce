"""The portal root's start page (@@akte-start) and the staff overview of /mandanten."""

from kanzlei.akte import PACKAGE_NAME
from kanzlei.akte.browser.staff.area import AreaView
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from tests.client.helpers import login
from tests.staff.conftest import CLIENT_PASSWORD
from tests.staff.conftest import STAFF_PASSWORD

import pytest
import requests
import transaction


def get(url, auth=None, **params):
    """One real HTTP request to the test server, redirects not followed."""
    return requests.get(
        url,
        params=params,
        auth=auth,
        allow_redirects=False,
        headers={"Accept-Language": "de"},
        timeout=30,
    )


def add_mandate(mandant, file_number, subject="Weitere Sache"):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=mandant, type="Mandat", title=subject, file_number=file_number
        )


@pytest.fixture
def clients(functional):
    portal = functional["portal"]
    anna, _ = make_client(
        portal, "Anna Aufderheide", "A-100", "11/26", userid="anna", email="anna@x.de"
    )
    add_mandate(anna, "12/26")
    add_mandate(anna, "13/26")
    bernd, _ = make_client(
        portal,
        "Bernd Brause",
        "B-200",
        "21/26",
        email="bernd@x.de",
        online_access=False,
    )
    make_staff("anwalt")
    transaction.commit()
    return anna, bernd


# -- start page --------------------------------------------------------------------


def test_start_page_is_the_site_default_view(portal):
    assert portal.getLayout() == "akte-start"


def test_uninstall_restores_the_default_view(portal, installer):
    installer.uninstall_product(PACKAGE_NAME)
    assert portal.getLayout() != "akte-start"
    assert not portal.hasProperty("layout")


def test_anonymous_sees_welcome_and_login(clients, base_url, page):
    response = page.goto(base_url)
    assert response.status == 200
    main = page.locator("#akte-start")
    text = main.inner_text()
    assert "Willkommen bei der Online-Akte von KLX Rechtsanwälte" in text
    assert "Online-Akte" in text and "Einladungs-E-Mail" in text
    html = page.content()
    for secret in ("Anna Aufderheide", "A-100", "11/26", "anna@x.de", "Bernd"):
        assert secret not in html
    assert "zuletzt geändert" not in html
    button = page.locator("#akte-start-login")
    assert button.inner_text().strip() == "Anmelden"
    assert button.get_attribute("href") == base_url + "/login"
    button.click()
    page.wait_for_load_state()
    assert page.url.startswith(base_url + "/login")
    assert page.locator("input[name='__ac_password']").count() == 1


def test_client_is_sent_to_their_overview(clients, base_url):
    response = get(base_url, auth=("anna", CLIENT_PASSWORD))
    assert response.status_code == 302
    assert response.headers["Location"] == base_url + "/@@meine-akte"


def test_staff_is_sent_to_the_client_area(clients, base_url):
    response = get(base_url, auth=("anwalt", STAFF_PASSWORD))
    assert response.status_code == 302
    assert response.headers["Location"] == base_url + "/mandanten"


def test_after_login_staff_land_on_the_client_area(clients, base_url, page):
    login(page, base_url, "anwalt", STAFF_PASSWORD)
    page.wait_for_load_state()
    assert page.url.split("?")[0].rstrip("/") == base_url + "/mandanten"
    assert page.locator("table.akte-area-clients").count() == 1


def test_after_login_clients_land_on_their_overview(clients, base_url, page):
    login(page, base_url, "anna", CLIENT_PASSWORD)
    page.wait_for_load_state()
    assert "/@@meine-akte" in page.url or "/akte-" in page.url


# -- client area -------------------------------------------------------------------


def rows(html):
    """(client number, name, e-mail, online, mandates) of the overview table."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    return [
        tuple(td.text_content().strip() for td in tr.findall("td"))[:5]
        for tr in doc.cssselect("table.akte-area-clients tbody tr")
    ]


def test_area_lists_clients_with_mandate_counts(clients, base_url):
    response = get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD))
    assert response.status_code == 200
    html = response.text
    assert rows(html) == [
        ("A-100", "Anna Aufderheide", "anna@x.de", "ja", "3"),
        ("B-200", "Bernd Brause", "bernd@x.de", "nein", "1"),
    ]
    assert "++add++Mandant" in html and "Neuer Mandant" in html
    assert 'name="q"' in html and "Suche" in html
    assert "Kurzname" not in html  # not Plone's folder view


@pytest.mark.parametrize(
    "term, expected",
    [
        ("21/26", ["B-200"]),  # Aktenzeichen → the client of that mandate
        ("13/26", ["A-100"]),
        ("Brause", ["B-200"]),
        ("auf", ["A-100"]),  # name prefix
        ("A-1", ["A-100"]),  # client number prefix
        ("99/99", []),
    ],
)
def test_area_search(clients, base_url, term, expected):
    response = get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD), q=term)
    assert response.status_code == 200
    assert [row[0] for row in rows(response.text)] == expected
    if not expected:
        assert "Kein Mandant gefunden." in response.text


def test_area_batches(clients, base_url, monkeypatch):
    monkeypatch.setattr(AreaView, "batch_size", 1)
    url = base_url + "/mandanten"
    first = get(url, auth=("anwalt", STAFF_PASSWORD))
    assert [row[0] for row in rows(first.text)] == ["A-100"]
    assert "b_start" in first.text  # batch navigation
    second = get(url, auth=("anwalt", STAFF_PASSWORD), b_start="1")
    assert [row[0] for row in rows(second.text)] == ["B-200"]


def test_area_metadata_without_waking_objects(clients, functional):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(client_number="A-100")
    assert brain.email == "anna@x.de"
    assert brain.online_access is True
    mandates = catalog.unrestrictedSearchResults(
        portal_type="Mandat", mandant_uid=brain.UID
    )
    assert len(mandates) == 3
    assert {m.mandant_uid for m in mandates} == {brain.UID}


@pytest.mark.parametrize("auth", [("anna", CLIENT_PASSWORD), None])
def test_area_refused_to_clients_and_anonymous(clients, base_url, auth):
    for path in ("/mandanten", "/mandanten/view", "/mandanten?q=21/26"):
        response = get(base_url + path, auth=auth)
        location = response.headers.get("Location", "")
        assert response.status_code in (302, 401, 403), path
        if response.status_code == 302:
            assert "login" in location or "insufficient" in location, location
        for secret in ("Bernd Brause", "B-200", "bernd@x.de", "A-100"):
            assert secret not in response.text
