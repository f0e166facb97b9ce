"""TLS (issue 13 §3): the shipped deploy/nginx/online-akte.conf in front of the portal,
with a certificate the test makes with openssl (tests/operations/servers.py replaces
only ports, paths and the server name).

The portal is the RelStorage one of test_scaleout_relstorage.py (two instances,
``relstorage_portal``), started with the README's production variables
(AKTE_HOST=127.0.0.1, AKTE_TRUSTED_PROXIES=127.0.0.1, AKTE_SECURE_COOKIES=1).
"""

from tests.operations.portal import ADMIN_PASSWORD
from tests.operations.portal import CLOCK_SECONDS
from tests.operations.portal import DEMO_PASSWORD
from tests.operations.portal import instance_site
from tests.operations.portal import pdf
from tests.operations.portal import STAFF_MAIL
from types import SimpleNamespace

import pytest
import re
import time


pytestmark = pytest.mark.timeout(900)

CLIENT = "mustermann"  # demo client (AKTE_DEMO=1)
HSTS = "max-age=31536000; includeSubDomains"
MAIL_WAIT = 120
# the client's addresses: nginx and the instances talk over 127.0.0.1
CLIENT_IP = "127.0.0.2"
OTHER_IP = "127.0.0.3"


def set_cookies(answer):
    return answer.raw.headers.getlist("Set-Cookie")


def login_cookies(answer):
    """The login cookies an answer sets (not the ones it deletes)."""
    return [
        cookie
        for cookie in set_cookies(answer)
        if cookie.startswith("__ac=") and not cookie.startswith("__ac=deleted;")
    ]


@pytest.fixture(scope="module")
def upload(relstorage_portal):
    """The demo client uploads 3 MB through nginx (the firm is told by the clock
    later): (its session, the mandate, the file's content, the firm's earlier mails)."""
    portal = relstorage_portal
    http, answer = portal.form_login(CLIENT, DEMO_PASSWORD)
    assert answer.status_code == 302, answer.text[:500]
    found = http.get(
        f"{portal.url}/@search",
        params={"portal_type": "Mandat"},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"]
    earlier = len(portal.mails_to(STAFF_MAIL))
    content = pdf("ueber TLS", size=3_000_000)
    uid = portal.upload(http, found[0]["@id"], "ueber-tls.pdf", content)
    return SimpleNamespace(http=http, uid=uid, content=content, earlier=earlier)


def test_plain_http_is_redirected_to_https(relstorage_portal, upload):
    portal = relstorage_portal
    http = portal.session()
    for path in ("/", "/login", "/mandanten/x?a=1&b=2"):
        answer = http.get(portal.nginx.http_url + path, allow_redirects=False)
        assert answer.status_code == 301, answer.text[:300]
        assert answer.headers["Location"] == f"https://localhost{path}"
    # nothing but the redirect on port 80: no page, no login there
    posted = http.post(
        portal.nginx.http_url + "/login",
        data={"__ac_name": CLIENT, "__ac_password": DEMO_PASSWORD},
        allow_redirects=False,
    )
    assert posted.status_code == 301
    assert not login_cookies(posted)


def test_hsts_and_no_caching_of_private_pages(relstorage_portal):
    portal = relstorage_portal
    http = portal.session()
    for path in ("/", "/login", "/gibt-es-nicht"):
        answer = http.get(portal.url + path, allow_redirects=False)
        assert answer.headers["Strict-Transport-Security"] == HSTS, path
        assert answer.headers["Cache-Control"] == "private, no-store", path
    # the X-Accel-Redirect location is internal: not reachable from outside
    assert http.get(portal.url + "/_akte_dateien/x").status_code == 404


def test_login_cookie_is_secure_and_a_download_works(relstorage_portal, upload):
    portal = relstorage_portal
    http, answer = portal.form_login(CLIENT, DEMO_PASSWORD)
    assert answer.status_code == 302, answer.text[:500]
    [cookie] = login_cookies(answer)
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "secure" in attributes and "httponly" in attributes, cookie
    assert answer.headers["Location"].startswith(portal.url + "/")
    # the portal's links are https:// (VirtualHostMonster)
    page = http.get(portal.url + "/@@meine-akte", timeout=60)
    assert page.status_code == 200 and page.url.startswith(portal.url + "/")
    links = re.findall(r'(?:href|src|action)="(https?://localhost[^"]*)"', page.text)
    assert links and all(link.startswith(portal.url) for link in links), links

    # a released document of the client, over HTTPS, as the firm stored it
    [document, *_] = http.get(
        f"{portal.url}/@search",
        params={"portal_type": "Dokument", "review_state": "freigegeben"},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"]
    download = http.get(f"{document['@id']}/@@akte-datei", timeout=60)
    assert download.status_code == 200, download.text[:300]
    assert download.headers["Cache-Control"] == "private, no-store"
    assert download.headers["Strict-Transport-Security"] == HSTS
    one = portal.instances[0]
    admin = one.login("admin", ADMIN_PASSWORD)
    stored = one.http.get(
        document["@id"].replace(portal.url, instance_site(one)) + "/@@download/file",
        headers={"Authorization": admin["Authorization"]},
        timeout=60,
    )
    assert stored.status_code == 200
    assert download.content == stored.content and len(stored.content) > 0
    # a larger file (nginx buffers it in its temporary files): the client's own upload
    [own] = upload.http.get(
        f"{portal.url}/@search",
        params={"UID": upload.uid},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"]
    big = upload.http.get(f"{own['@id']}/@@akte-datei", timeout=60)
    assert big.status_code == 200 and big.content == upload.content


def test_lockout_counts_the_clients_address_not_nginxs(relstorage_portal):
    """nginx sends X-Forwarded-For; the instances trust 127.0.0.1 (AKTE_TRUSTED_PROXIES)
    and count the failures of the client's address, not of nginx's."""
    portal = relstorage_portal
    admin = portal.admin()
    limit = 3

    def registry(value):
        portal.call(
            "PATCH",
            f"{portal.url}/@registry",
            admin,
            json={"kanzlei.akte.login.ip_max_failures": value},
        )

    registry(limit)
    try:
        # the counter is per instance (README): the limit on each of the two
        for number in range(2 * limit):
            _http, refused = portal.form_login(
                f"geraten-{number}", "falsch", source=CLIENT_IP
            )
            assert not login_cookies(refused)
        for _ in portal.instances:  # round robin: each instance once
            _http, blocked = portal.form_login(CLIENT, DEMO_PASSWORD, source=CLIENT_IP)
            assert blocked.status_code != 302, "the throttled address logged in"
            assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.text
        for _ in portal.instances:  # another client (and nginx itself) is not blocked
            _http, other = portal.form_login(CLIENT, DEMO_PASSWORD, source=OTHER_IP)
            assert other.status_code == 302, other.text[:500]
        _http, local = portal.form_login(CLIENT, DEMO_PASSWORD)
        assert local.status_code == 302
    finally:
        registry(20)


def test_links_in_notification_mails_are_https(relstorage_portal, upload):
    """The firm's mail about the client's upload, sent by the clock (outside of any
    request), links to the public https:// address."""
    portal = relstorage_portal
    deadline = time.monotonic() + MAIL_WAIT

    def mails():
        return portal.mails_to(STAFF_MAIL)[upload.earlier :]

    while not mails() and time.monotonic() < deadline:
        time.sleep(1)
    time.sleep(2 * CLOCK_SECONDS)
    [mail] = mails()
    for part in ("plain", "html"):
        body = mail.get_body((part,)).get_content()
        links = re.findall(r"https?://[^\s\"'<>)]+", body)
        assert links, body
        ours = [link for link in links if "localhost" in link]
        assert ours and all(link.startswith(portal.url + "/") for link in ours), links
