"""Navigation, sitemap and search as rendered for a client: nothing of other clients,
never the "Mandanten" area."""

from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff

import requests
import transaction


def test_client_navigation_and_sitemap(functional, base_url):
    portal = functional["portal"]
    make_staff()
    mandant_a, mandat_a = make_client(
        portal,
        "Anna Alpha",
        "A-1",
        "101/26",
        userid="clienta",
        subject="Mietsache Alpha",
    )
    mandant_b, mandat_b = make_client(
        portal, "Bert Beta", "B-1", "202/26", userid="clientb", subject="Erbsache Beta"
    )
    add_document(mandat_a, title="Klage Alpha")
    add_document(mandat_b, title="Vertrag Beta")
    transaction.commit()
    area_url = (
        portal["mandanten"].absolute_url().replace("http://nohost/plone", base_url)
    )
    secrets_of_b = (
        "Bert Beta",
        "202/26",
        "Erbsache Beta",
        "Vertrag Beta",
        mandant_b.getId(),
    )

    client = requests.Session()
    client.auth = ("clienta", "Mandanten-Test-Passwort-2026")
    pages = {
        "home": client.get(base_url).text,
        "sitemap": client.get(base_url + "/sitemap").text,
        "search": client.get(base_url + "/@@search?SearchableText=Beta").text,
        "search2": client.get(base_url + "/@@search?SearchableText=202").text,
    }
    # logged in: the client finds their own mandate
    assert (
        "Mietsache Alpha"
        in client.get(base_url + "/@@search?SearchableText=Alpha").text
    )
    for name, html in pages.items():
        assert f'href="{area_url}"' not in html, name
        assert f"{area_url}/" not in html.replace(
            mandant_a.absolute_url().replace("http://nohost/plone", base_url), ""
        ), name
        for secret in secrets_of_b:
            assert secret not in html, (name, secret)
    nav = pages["home"][pages["home"].index('id="portal-globalnav"') :][:3000]
    assert ">Mandanten<" not in nav and "Mandanten</span>" not in nav

    staff = requests.Session()
    staff.auth = ("anwalt", "Kanzlei-Test-Passwort-2026")
    staff_search = staff.get(base_url + "/@@search?SearchableText=Beta").text
    assert "Erbsache Beta" in staff_search
    # staff reach the area through their own tab
    assert f'href="{area_url}"' in staff.get(base_url).text
