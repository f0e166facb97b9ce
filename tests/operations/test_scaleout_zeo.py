"""Scale-out on ZEO (issue 13 §1, the shorter twin of test_scaleout_relstorage.py):
instance/zeo.sh (as ``make zeo`` runs it) and two instances with AKTE_ZEO_ADDRESS,
behind nginx with deploy/nginx/online-akte.conf.

A client's login session survives nginx alternating the instances, a file uploaded on
one instance downloads byte-identical on the other, and a document staff release on
one is visible to the client on the other at the next request. (Registration and the
mail clock are storage-independent: they run in the RelStorage test.)
"""

from tests.operations.portal import DEMO_PASSWORD
from tests.operations.portal import instance_site
from tests.operations.portal import pdf
from tests.operations.portal import serve
from tests.operations.portal import STAFF

import pytest
import time


pytestmark = pytest.mark.timeout(900)

CLIENT = "mustermann"  # demo client (AKTE_DEMO=1)
ROUNDS = 4


@pytest.fixture(scope="module")
def zeo_portal(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("zeo"), "zeo")


def test_two_instances_on_zeo_behind_nginx(zeo_portal):
    portal = zeo_portal
    one, two = portal.instances
    started = time.monotonic()
    assert "Plone-Site 'kanzlei' angelegt / created" in one.output()

    # the client's cookie session through nginx, on both instances in turn
    http, login = portal.form_login(CLIENT, DEMO_PASSWORD)
    assert login.status_code == 302, login.text[:500]
    mandates = http.get(
        f"{portal.url}/@search",
        params={"portal_type": "Mandat", "sort_on": "id"},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"]
    mandate = mandates[0]["@id"]
    marker = "akte-mandat HTTP"
    before = portal.served(marker)
    for _ in range(ROUNDS):
        page = http.get(f"{mandate}/@@akte-mandat", allow_redirects=False, timeout=60)
        assert page.status_code == 200, page.text[:500]
    after = portal.served(marker)
    assert [a - b for a, b in zip(after, before, strict=True)] == [
        ROUNDS // 2,
        ROUNDS // 2,
    ]

    # uploaded on instance 1 (its own address), downloaded on instance 2
    client_one = one.login(CLIENT, DEMO_PASSWORD)
    client_two = two.login(CLIENT, DEMO_PASSWORD)
    content = pdf("ZEO Instanz 1", size=2_000_000)
    uid = portal.upload(
        one.http,
        mandate,
        "zeo-direkt.pdf",
        content,
        client_one,
        base=instance_site(one),
    )
    [found] = two.http.get(
        f"{instance_site(two)}/@search",
        params={"UID": uid},
        headers=client_two,
        timeout=60,
    ).json()["items"]
    download = two.http.get(
        f"{found['@id']}/@@akte-datei",
        headers={"Authorization": client_two["Authorization"]},
        timeout=60,
    )
    assert download.status_code == 200
    assert download.content == content

    # staff withdraw and release on instance 1; the client on instance 2 follows
    staff_one = one.login(STAFF, DEMO_PASSWORD)
    [released] = http.get(
        f"{portal.url}/@search",
        params={"portal_type": "Dokument", "review_state": "freigegeben", "b_size": 1},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"][:1]
    on_one = released["@id"].replace(portal.url, instance_site(one))
    on_two = released["@id"].replace(portal.url, instance_site(two))
    headers = {"Authorization": client_two["Authorization"]}
    assert two.http.get(f"{on_two}/@@akte-datei", headers=headers).status_code == 200
    for transition, status in (
        ("zurueckziehen", (401, 403, 404)),
        ("freigeben", (200,)),
    ):
        changed = one.http.post(
            f"{on_one}/@workflow/{transition}", headers=staff_one, timeout=60
        )
        assert changed.status_code == 200, changed.text[:500]
        seen = two.http.get(f"{on_two}/@@akte-datei", headers=headers, timeout=60)
        assert seen.status_code in status, (transition, seen.status_code)
    print(f"zeo scale-out steps took {time.monotonic() - started:.0f} s")
