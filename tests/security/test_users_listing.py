"""Issue 11, 1.1: clients and anonymous visitors list no user of the firm.

Users and principals vocabularies (REST and ``@@getVocabulary``), the member
search, the query-string options (Creator values) and the author pages with their
contact form are all behind "List portal members", which only staff hold.
"""

from tests.security.conftest import B_EMAIL
from tests.security.conftest import json_get
from tests.security.conftest import refused
from tests.security.conftest import STAFF_EMAIL
from tests.security.conftest import STAFF_NAME
from tests.security.conftest import visitors

import pytest
import re


USER_VOCABULARIES = [
    "plone.app.vocabularies.Users",
    "plone.app.vocabularies.Principals",
    "plone.app.vocabularies.Groups",
]
# Whatever a visitor must never see of other users.
OTHERS = ("anwalt", STAFF_NAME, STAFF_EMAIL, "mandant-b", B_EMAIL)


def assert_nothing_of_others(response, sent=""):
    """No other user's id, name or e-mail (but what the visitor typed, e.g. echoed
    in the login page's ``came_from``)."""
    for secret in OTHERS:
        if secret not in sent:
            assert secret not in response.text, secret


@visitors()
@pytest.mark.parametrize("name", USER_VOCABULARIES)
def test_rest_user_vocabularies_refused(visitor, base_url, name):
    response = json_get(visitor, f"{base_url}/@vocabularies/{name}", title="a")
    assert response.status_code in (401, 403)
    assert_nothing_of_others(response)


@visitors()
@pytest.mark.parametrize("name", USER_VOCABULARIES)
def test_classic_user_vocabularies_refused(visitor, base_url, name):
    response = visitor.get(
        f"{base_url}/@@getVocabulary",
        params={"name": name, "query": "a", "page_limit": 20, "page": 1},
    )
    assert response.json().get("results", []) == []
    assert_nothing_of_others(response)


def authenticator(http, base_url):
    """The CSRF token plone.protect gives this visitor (from the login page)."""
    page = http.get(f"{base_url}/login").text
    found = re.search(r'(?:data-token|name="_authenticator" value)="([0-9a-f]+)"', page)
    return found.group(1) if found else ""


@visitors()
def test_member_search_form_refused(visitor, base_url):
    response = visitor.get(f"{base_url}/@@member-search")
    assert refused(response)
    assert 'name="form.widgets.email"' not in response.text


@visitors()
@pytest.mark.parametrize(
    "criteria",
    [
        {"form.widgets.login": "a"},
        {"form.widgets.email": B_EMAIL},
        {"form.widgets.email": STAFF_EMAIL},
        {"form.widgets.fullname": "Anwalt"},
    ],
)
def test_member_search_finds_nobody(visitor, base_url, criteria):
    """Not even whether an e-mail address belongs to a user."""
    response = visitor.post(
        f"{base_url}/@@member-search",
        data={
            **criteria,
            "form.buttons.search": "Suchen",
            "_authenticator": authenticator(visitor, base_url),
        },
    )
    assert refused(response)
    assert_nothing_of_others(response, sent=" ".join(criteria.values()))


@visitors()
def test_querystring_has_no_creators(visitor, base_url):
    response = json_get(visitor, f"{base_url}/@querystring")
    assert response.status_code == 200
    assert response.json()["indexes"]["Creator"]["values"] == {}
    assert_nothing_of_others(response)


@visitors()
def test_qs_options_have_no_creators(visitor, base_url):
    response = visitor.get(f"{base_url}/@@qsOptions")
    if response.headers["Content-Type"].startswith("application/json"):
        assert response.json()["indexes"]["Creator"]["values"] == {}
    else:
        assert refused(response)
    assert_nothing_of_others(response)


@visitors()
@pytest.mark.parametrize("userid", ["anwalt", "mandant-b"])
def test_author_page_refused(visitor, base_url, userid):
    response = visitor.get(f"{base_url}/author/{userid}")
    assert refused(response)
    assert 'name="form.widgets.message"' not in response.text
    assert_nothing_of_others(response, sent=userid)


def test_staff_still_list_users(staff, base_url):
    """Staff keep the user pickers, the member search and the author pages."""
    users = json_get(staff, f"{base_url}/@vocabularies/plone.app.vocabularies.Users")
    assert users.status_code == 200
    assert "anwalt" in [item["token"] for item in users.json()["items"]]
    creators = json_get(staff, f"{base_url}/@querystring").json()
    assert "anwalt" in creators["indexes"]["Creator"]["values"]
    search = staff.post(
        f"{base_url}/@@member-search",
        data={
            "form.widgets.email": B_EMAIL,
            "form.buttons.search": "Suchen",
            "_authenticator": authenticator(staff, base_url),
        },
    )
    assert search.status_code == 200 and "mandant-b" in search.text
    author = staff.get(f"{base_url}/author/anwalt")
    assert author.status_code == 200 and STAFF_NAME in author.text
