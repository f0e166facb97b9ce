"""@@akte-wartung: the archive job by hand (Manager only, POST with authenticator)."""

from datetime import date
from datetime import timedelta
from kanzlei.akte.testing import make_client
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import re
import requests
import transaction


def test_wartung_view(functional, base_url, staff):
    portal = functional["portal"]
    mandant, mandat = make_client(portal, "Anna A", "A-1", "1/26")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=mandat, transition="abschliessen")
    mandat.closed = date.today() - timedelta(days=400)
    transaction.commit()
    url = base_url + "/@@akte-wartung"

    api.user.create(
        email="c@example.org", username="chefin", password="Chefin-Pass-2026"
    )
    api.group.add_user(groupname="kanzlei-admin", username="chefin")
    transaction.commit()
    for user, password in (("anwalt", "Kanzlei-Test-Passwort-2026"),
                           ("chefin", "Chefin-Pass-2026")):  # fmt: skip
        session = requests.Session()
        session.auth = (user, password)
        # logged in (the firm admin reaches the control panel) ...
        if user == "chefin":
            panel = session.get(base_url + "/@@overview-controlpanel")
            assert panel.status_code == 200 and "/login" not in panel.url
        # ... but the job is for Managers only
        response = session.post(url, allow_redirects=False)
        assert response.status_code in (302, 401, 403), user

    admin = requests.Session()
    admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert admin.get(url).status_code == 400  # POST only
    assert admin.post(url).status_code == 403  # no authenticator
    transaction.begin()
    assert api.content.get_state(mandat) == "abgeschlossen"

    page = admin.get(base_url).text
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    response = admin.post(url, data={"_authenticator": token})
    assert response.status_code == 200
    assert response.json() == {"archived": 1}
    transaction.begin()
    assert api.content.get_state(mandat) == "archiviert"
