"""Item 14: a client's upload or message is never silently dropped.

Without a responsible lawyer and without the firm's inbox address (the default of
``make start``) the firm is told at the site's own address, and the control panel and
the staff start page warn until an inbox address is set.
"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.mail.conftest import akte  # noqa: F401 - fixture
from tests.mail.conftest import flush  # noqa: F401 - fixture
from tests.mail.test_firm import upload

import requests
import transaction


WARNING = "keine E-Mail-Adresse des Kanzlei-Eingangs"


def test_upload_without_lawyer_and_inbox_goes_to_the_site_address(
    akte,  # noqa: F811
    flush,  # noqa: F811
    base_url,
):
    assert not api.portal.get_registry_record("kanzlei.akte.inbox_email")
    assert not akte.mandat_b.responsible_lawyer
    path = "/".join(akte.mandat_b.getPhysicalPath()[2:])
    response = upload(
        f"{base_url}/{path}", auth=("mandant_b", "Mandanten-Test-Passwort-2026")
    )
    assert response.status_code == 201, response.text
    transaction.begin()
    flush(akte.portal, minutes=1)
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["kanzlei@example.org"]]
    text = akte.sink.messages[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "Beleg vom Mandanten" not in text  # no content of the upload in the mail


def test_control_panel_warns_while_no_inbox_address_is_set(akte, base_url):  # noqa: F811
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = session.get(f"{base_url}/@@kanzlei-settings", timeout=30)
    assert page.status_code == 200
    assert WARNING in page.text
    assert "kanzlei@example.org" in page.text  # where the notices go meanwhile

    api.portal.set_registry_record("kanzlei.akte.inbox_email", "eingang@example.org")
    transaction.commit()
    page = session.get(f"{base_url}/@@kanzlei-settings", timeout=30)
    assert page.status_code == 200
    assert WARNING not in page.text


def test_staff_start_page_warns_while_no_inbox_address_is_set(akte, base_url):  # noqa: F811
    session = requests.Session()
    session.auth = ("anwalt", "Kanzlei-Test-Passwort-2026")
    page = session.get(base_url, timeout=30)
    assert page.status_code == 200
    assert page.url.rstrip("/").endswith("/mandanten")
    assert WARNING in page.text

    api.portal.set_registry_record("kanzlei.akte.inbox_email", "eingang@example.org")
    transaction.commit()
    page = requests.get(base_url, auth=session.auth, timeout=30)
    assert page.status_code == 200
    assert WARNING not in page.text
