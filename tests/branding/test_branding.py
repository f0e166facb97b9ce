"""The firm's look: clients and visitors see the firm, not Plone; staff keep Plone."""

from kanzlei.akte.branding.demo import set_demo_branding
from kanzlei.akte.branding.logo import sanitize_svg
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import requests
import transaction


CLIENT_PASSWORD = "Mandanten-Test-Passwort-2026"
STAFF_PASSWORD = "Kanzlei-Test-Passwort-2026"
PLONE_FURNITURE = (
    "Powered by Plone",
    "Plone® Open Source",
    'id="portal-searchbox"',
    "portal-breadcrumbs",
    'id="portal-personaltools"',
    "Mitglieds-Werkzeuge",
    'id="portal-colophon"',
    'id="portal-logo"',  # Plone's own logo
)
LINKS = ("https://www.example.org/impressum", "https://www.example.org/datenschutz",
         "/@@barrierefreiheit", "tel:02211234560", "mailto:kanzlei@example.org",
         "50667 Köln")  # fmt: skip


def no_global_navigation(html):
    """Plone 6.2's main template keeps an empty navigation list; nothing in it."""
    if 'id="portal-globalnav"' not in html:
        return True
    return html.split('id="portal-globalnav"', 1)[1].split("</ul>", 1)[0] == ">"


def get(url, auth=None):
    response = requests.get(
        url, auth=auth, headers={"Accept-Language": "de", "Accept": "text/html"}
    )
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.text


def test_visitors_and_clients_see_the_firm_staff_keep_plone(functional, base_url):
    portal = functional["portal"]
    make_staff()
    make_client(portal, "Anna Alpha", "M-A", "101/26", userid="mandant-a")
    set_demo_branding()
    transaction.commit()

    pages = ["", "/login", "/@@registrierung?token=x", "/mail_password_form",
             "/@@barrierefreiheit", "/gibt-es-nicht"]  # fmt: skip
    for path in pages:
        html = get(base_url + path)
        for furniture in PLONE_FURNITURE:
            assert furniture not in html, (path, furniture)
        assert 'class="akte-brand-name">KLX Rechtsanwälte<' in html, path
        assert no_global_navigation(html), path
        assert "/@@akte-logo?v=" in html, path
        assert 'rel="icon" href="' + base_url + "/@@akte-logo" in html, path
        for link in LINKS:
            assert link in html, (path, link)
        assert ">Anmelden<" in html
        assert "Meine Daten" not in html

    client = get(base_url + "/@@meine-daten", auth=("mandant-a", CLIENT_PASSWORD))
    for furniture in PLONE_FURNITURE:
        assert furniture not in client, furniture
    assert no_global_navigation(client)
    for link in ("Meine Akten", "Meine Daten", "Abmelden", "Barrierefreiheit"):
        assert link in client, link
    header = client.split('class="akte-brand-header"', 1)[1].split("</nav>", 1)[0]
    assert header.count("Meine Daten") == 1

    staff = get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD))
    assert not no_global_navigation(staff)
    assert 'id="portal-searchbox"' in staff
    assert "akte-brand-header" not in staff


def test_accessibility_statement_page(functional, base_url):
    html = get(base_url + "/@@barrierefreiheit")
    assert "Erklärung zur Barrierefreiheit" in html
    assert "WCAG" in html and "BFSG" in html
    api.portal.set_registry_record(
        "kanzlei.akte.branding.accessibility_statement",
        "Unser Text.\n\nZweiter Absatz.",
    )
    transaction.commit()
    html = get(base_url + "/@@barrierefreiheit")
    assert "<p>Unser Text.</p>" in html and "<p>Zweiter Absatz.</p>" in html


EVIL_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     onload="alert(1)">
  <script>alert(2)</script>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <a xlink:href="javascript:alert(3)"><rect width="5" height="5" onclick="x()"/></a>
  <image href="https://evil.example/track.png"/>
  <rect fill="url(https://evil.example/x)" width="1" height="1"/>
  <use href="#ok"/><circle id="ok" r="3" fill="#1f4e79"/>
  <set attributeName="href" to="javascript:alert(4)"/>
</svg>"""


def test_svg_logo_is_sanitised_and_served_without_scripts(functional, base_url):
    clean = sanitize_svg(EVIL_SVG).decode()
    for bad in ("onload", "onclick", "<script", "alert", "foreignObject",
                "evil.example", "javascript:", "<set"):  # fmt: skip
        assert bad not in clean, bad
    assert '<use href="#ok"/>' in clean and 'fill="#1f4e79"' in clean
    assert sanitize_svg(b"<html><script>x</script></html>") is None

    from plone.formwidget.namedfile.converter import b64encode_file

    api.portal.set_registry_record(
        "kanzlei.akte.branding.logo", b64encode_file("logo.svg", EVIL_SVG)
    )
    transaction.commit()
    response = requests.get(base_url + "/@@akte-logo")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert b"alert" not in response.content and b"<circle" in response.content


def test_control_panel_takes_png_and_svg_refuses_other_files(functional, staff_admin):
    browser = staff_admin
    browser.open(functional["portal"].absolute_url() + "/@@akte-erscheinungsbild")
    assert "Online-Akte: Erscheinungsbild" in browser.contents
    browser.getControl(name="form.widgets.logo").add_file(
        b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png", "logo.png"
    )
    browser.getControl(name="form.widgets.phone").value = "0221 99"
    browser.getControl(name="form.buttons.save").click()
    assert "Bitte laden Sie ein Logo" not in browser.contents
    assert 'value="0221 99"' in browser.contents

    browser.open(functional["portal"].absolute_url() + "/@@akte-erscheinungsbild")
    browser.getControl(name="form.widgets.logo.action").value = ["replace"]
    browser.getControl(name="form.widgets.logo").add_file(
        b"GIF89a....", "image/gif", "logo.gif"
    )
    browser.getControl(name="form.buttons.save").click()
    assert "Bitte laden Sie ein Logo als SVG oder PNG hoch." in browser.contents


def test_og_image_and_favicon_are_the_firms_logo_or_none(functional, base_url):
    import re

    def images(path):
        html = get(base_url + path)
        assert 'property="og:title"' in html, path  # the social tags are on
        return re.findall(r'<meta[^>]*(?:og:image"|itemprop="image")[^>]*>', html)

    for path in ("", "/login"):
        assert images(path) == [], path  # no firm logo: no image, not Plone's
        assert 'rel="icon"' not in get(base_url + path), path
    assert requests.get(base_url + "/favicon.ico").status_code == 404
    set_demo_branding()
    transaction.commit()
    favicon = requests.get(base_url + "/favicon.ico")
    assert favicon.headers["Content-Type"].startswith("image/svg+xml")
    assert b"<script" not in favicon.content
    for path in ("", "/login"):
        found = images(path)
        assert found, path
        for tag in found:
            assert "/@@akte-logo?v=" in tag or "image/svg+xml" in tag, tag
