"""The isolation matrix found: public views on another client's objects name them.

Zope checks the permission of what is published, not of the object a view is called on:
``<B's mandate>/@@title`` (``zope.Public``) rendered B's title for client A, ``@@uuid``
its UID, ``@@main_template`` its breadcrumbs, and a "not found" below B's mandate showed
B's title on the error page; ``resolveuid/<uid>`` redirected A and anonymous visitors to
B's path (``Location`` names B's Mandant). Each of these failed before the fix.
"""

from tests.security.conftest import refused
from tests.security.conftest import visitors

import pytest


PUBLIC_VIEWS = ["@@title", "@@uuid", "@@main_template", "@@sitemap"]


def secrets(firm):
    mandant, mandat, doc = firm["mandant_b"], firm["mandat_b"], firm["doc_b"]
    return [
        mandant.Title(),
        mandat.Title(),
        doc.Title(),
        mandant.getId(),
        mandat.getId(),
        doc.getId(),
        mandat.UID(),
        doc.UID(),
    ]


def assert_nothing_of_b(firm, response):
    texts = [response.text, *(f"{k}: {v}" for k, v in response.headers.items())]
    for answer in response.history:
        texts += [answer.text, *(f"{k}: {v}" for k, v in answer.headers.items())]
    # What the visitor typed (the path) may come back; nothing else of B may.
    sent = response.history[0].url if response.history else response.url
    for text in texts:
        text = text.replace(sent, "")
        for secret in secrets(firm):
            if secret in sent:
                continue
            assert secret not in text, (secret, response.url, response.status_code)


@visitors()
@pytest.mark.parametrize("view", PUBLIC_VIEWS)
@pytest.mark.parametrize("target", ["mandat_b", "doc_b", "mandant_b"])
def test_public_views_on_b_objects_are_refused(firm, visitor, view, target):
    url = f"{firm[target].absolute_url()}/{view}"
    response = visitor.get(url, headers={"Accept": "text/html"})
    assert refused(response), (response.status_code, response.url)
    assert firm[target].Title() not in response.text
    assert_nothing_of_b(firm, response)


@visitors()
def test_not_found_below_b_names_nothing_of_b(firm, visitor):
    response = visitor.get(
        f"{firm['mandat_b'].absolute_url()}/gibt-es-nicht",
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 404
    assert "Diese Seite existiert leider nicht" in response.text
    assert firm["mandat_b"].Title() not in response.text
    assert firm["mandant_b"].Title() not in response.text


@visitors()
@pytest.mark.parametrize("suffix", ["", "/@@download/file", "/view"])
def test_resolveuid_of_b_does_not_reveal_the_path(firm, visitor, suffix):
    response = visitor.get(
        f"{firm['portal'].absolute_url()}/resolveuid/{firm['doc_b'].UID()}{suffix}",
        headers={"Accept": "text/html"},
        allow_redirects=False,
    )
    location = response.headers.get("Location", "")
    assert firm["mandant_b"].getId() not in location
    assert firm["mandat_b"].getId() not in location
    assert_nothing_of_b(firm, response)


def test_resolveuid_of_own_document_still_leads_there_after_login(firm, client_a):
    """The links of our e-mails keep working for the right client."""
    released = firm["released"]
    response = client_a.get(
        f"{firm['portal'].absolute_url()}/resolveuid/{released.UID()}",
        allow_redirects=False,
    )
    assert response.status_code in (301, 302)
    assert response.headers["Location"] == released.absolute_url()


def test_anonymous_resolveuid_asks_to_log_in_and_comes_back(firm, anonymous):
    released = firm["released"]
    link = f"{firm['portal'].absolute_url()}/resolveuid/{released.UID()}"
    response = anonymous.get(link, headers={"Accept": "text/html"})
    assert "__ac_password" in response.text or "login" in response.url
    assert firm["mandat_a"].getId() not in response.url
    assert "resolveuid" in response.url  # came_from: the same link again


def test_own_objects_keep_their_views(firm, client_a):
    response = client_a.get(f"{firm['mandat_a'].absolute_url()}/@@title")
    assert response.status_code == 200
    assert firm["mandat_a"].Title() in response.text
