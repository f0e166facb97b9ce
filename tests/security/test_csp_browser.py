"""Issue 11, 1.12: the Content-Security-Policy breaks no page (Chromium).

Client pages run under the strict policy (scripts only from the portal itself),
Plone's Classic UI for staff under the staff policy: TinyMCE, the toolbar and
folder_contents (structure pattern) must keep working, and the browser reports
no CSP violation on any of them.
"""

from plone import api
from tests.client.helpers import login
from tests.client.helpers import PASSWORD
from tests.security.conftest import STAFF_PASSWORD

import pytest
import transaction


RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations (DOM events and console) and JS errors."""
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and problems.append(msg.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    return page


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    return response


def assert_clean(page):
    assert page.evaluate("window.cspViolations") == []
    assert page.problems == []


@pytest.fixture
def site_admin(firm):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="chefin@example.org",
            username="chefin",
            password=STAFF_PASSWORD,
            properties={"fullname": "Chefin"},
        )
        api.group.add_user(groupname="kanzlei-admin", username="chefin")
    transaction.commit()
    return "chefin"


def test_client_pages_under_strict_policy(watched, firm, base_url):
    page = watched
    login(page, base_url, "mandant-a", PASSWORD)
    assert_clean(page)
    mandat = firm["mandat_a"].absolute_url()
    for url in (
        f"{base_url}/@@meine-akte",
        mandat,
        f"{mandat}/@@akte-nachricht-senden",
        f"{base_url}/@@meine-daten",
    ):
        response = visit(page, url)
        assert "script-src 'self';" in response.headers["content-security-policy"]
        assert_clean(page)
    # The client page's own script still runs (document list and upload form).
    visit(page, mandat)
    assert page.locator("text=Klageschrift A").first.is_visible()
    assert_clean(page)


def test_login_page_under_strict_policy(watched, firm, base_url):
    visit(watched, f"{base_url}/login")
    assert watched.locator("input[name='__ac_password']").is_visible()
    assert_clean(watched)


def test_staff_classic_ui(watched, firm, base_url, site_admin):
    page = watched
    login(page, base_url, "anwalt", STAFF_PASSWORD)
    mandat = firm["mandat_a"].absolute_url()
    visit(page, mandat)
    assert page.locator("#edit-zone").is_visible()  # the toolbar
    assert_clean(page)
    # folder_contents: the structure pattern lists the mandate's documents
    visit(page, f"{mandat}/folder_contents")
    page.locator(".pat-structure table tbody tr").first.wait_for()
    assert page.locator(".pat-structure").inner_text().count("Klageschrift A") == 1
    assert_clean(page)

    page.context.clear_cookies()
    login(page, base_url, site_admin, STAFF_PASSWORD)
    visit(page, f"{base_url}/++add++Document")
    page.locator(".tox-tinymce").first.wait_for()
    page.frame_locator(".tox-edit-area iframe").locator("body").fill("Hallo")
    assert_clean(page)
