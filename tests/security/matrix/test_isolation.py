"""The isolation matrix: client A (and anonymous visitors) learn nothing of client B.

Every way in is tried over real HTTP against one world (``conftest.py``):
every REST GET service registered on the site and every browser view registered for an
object's interfaces (both enumerated from the component registry, so a new endpoint is
in the matrix by default), downloads, image scales, ``resolveuid``, searches,
livesearch, sitemap, RSS, folder contents, author pages, every vocabulary, ZIPs and
the GDPR export.
An answer fails when any of B's markers, ids, UIDs, file names, user names or e-mail
addresses appears in its body (also inside gzip/ZIP), in a header or a redirect.
"""

from tests.security.matrix import endpoints
from tests.security.matrix.probe import probe

import pytest


B_OBJECTS = (
    "Mandant",
    "Kontaktperson",
    "Mandat offen",
    "Mandat abgeschlossen",
    "Mandat archiviert",
    "Dokument intern",
    "Dokument freigegeben",
    "Dokument Bild",
    "Dokument abgeschlossen",
    "Dokument archiviert",
    "Nachricht Kanzlei",
    "Nachricht Mandant",
    "Fragebogen",
    "Upload",
)
ASKERS = ("A", "anonymous")
# Words that make search-like endpoints look for client data; "geheim" alone is in
# every client's data but is no forbidden string itself (so it is not an echo).
SEARCH = {
    "SearchableText": "geheim*",
    "search": "geheim",
    "query": "geheim",
    "q": "geheim",
    "title": "geheim",
    "searchstring": "geheim",
    "term": "geheim",
}
FILE_VIEWS = (
    "",
    "/view",
    "/@@download/file",
    "/@@display-file/file",
    "/@@images/file",
    "/@@images/file/thumb",
    "/@@images/file/preview",
    "/@@akte-datei",
    "/@@akte-datei?inline=1",
    "/RSS",
    "/rss.xml",
    "/@@search_rss",
    "/folder_contents",
    "/@@fc-contextInfo",
    "/sendto_form",
)


def assert_no_leaks(outcomes):
    leaks = [str(o) for o in outcomes if o.leaked]
    assert not leaks, f"{len(leaks)} of {len(outcomes)} answers leak:\n" + "\n".join(
        leaks
    )


def ask(matrix, asker, url, kind="html", **kwargs):
    session = matrix.sessions[asker if kind == "html" else f"{asker}-rest"]
    return probe(session, f"{asker}/{kind}", url, matrix.forbidden[asker], **kwargs)


@pytest.fixture(scope="module")
def services():
    return endpoints.rest_get_services()


@pytest.fixture(scope="module")
def views():
    return endpoints.browser_views()


def test_the_registry_yields_every_kind_of_endpoint(matrix, services, views):
    """The enumeration cannot silently shrink to nothing."""
    for name in (
        "",
        "@search",
        "@transactions",
        "@vocabularies",
        "@users",
        "@history",
        "@workflow",
        "@querystring",
        "@akte-eingang",
        "@akte-status",
    ):
        assert name in services, name
    assert len(services) >= 40
    for name in ("download", "display-file", "images", "folder_contents", "akte-zip"):
        assert name in views, name
    assert "plone.app.vocabularies.Users" in endpoints.vocabulary_names()


def test_the_detector_finds_b_where_b_may_be_seen(matrix):
    """Positive control: the same probes as staff (who see B) report B's data, and
    A's sessions really are A's (A sees A's own mandate)."""
    b_mandat = matrix.b.url("Mandat offen")
    for session, url in (
        ("staff", b_mandat + "/@@mandat-staff"),
        ("staff-rest", b_mandat),
        ("staff-rest", matrix.b.url("Dokument freigegeben")),
    ):
        outcome = probe(matrix.sessions[session], session, url, matrix.forbidden["A"])
        assert outcome.status == 200 and matrix.b.marker in outcome.leaked, outcome
    own = matrix.sessions["A"].get(matrix.a.url("Mandat offen") + "/@@akte-mandat")
    assert own.status_code == 200 and "GEHEIM-A-8" in own.text
    rest = matrix.sessions["A-rest"].get(matrix.a.url("Dokument freigegeben"))
    assert rest.status_code == 200 and "GEHEIM-A-8" in rest.text


@pytest.mark.parametrize("name", B_OBJECTS)
@pytest.mark.parametrize("asker", ASKERS)
def test_rest_services_on_b_objects(matrix, services, asker, name):
    """Every registered REST GET service on each of B's objects."""
    obj = matrix.b.objects[name]
    url = obj.absolute_url()
    outcomes = [
        ask(matrix, asker, f"{url}/{service}" if service else url, kind="rest")
        for service in endpoints.applicable(services, obj)
    ]
    assert len(outcomes) >= 20
    assert_no_leaks(outcomes)


@pytest.mark.parametrize("with_search", (False, True), ids=("plain", "search"))
@pytest.mark.parametrize("asker", ASKERS)
def test_rest_services_on_the_site_root(matrix, services, asker, with_search):
    """Every registered REST GET service on the portal, plain and with search words."""
    portal = matrix.portal
    outcomes = [
        ask(
            matrix,
            asker,
            f"{matrix.base_url}/{service}",
            kind="rest",
            params=SEARCH if with_search else None,
        )
        for service in endpoints.applicable(services, portal)
    ]
    assert len(outcomes) >= 40
    assert_no_leaks(outcomes)


def named_rest_probes(matrix):
    """Services whose path names a person or a type: B's users, all types."""
    b = matrix.b
    return [
        f"@users/{b.userid}",
        f"@users/{b.kontakt_userid}",
        f"@principals?search={b.userid}",
        "@users?query=geheim",
        "@groups",
        "@groups/kanzlei",
        "@types/Dokument",
        "@types/Mandat",
        "@querystring-search?query.i=portal_type&query.o="
        "plone.app.querystring.operation.selection.any&query.v=Dokument",
        "@search?portal_type=Dokument&metadata_fields=_all",
        "@search?SearchableText=geheim&fullobjects=1",
        "@search?Creator=" + b.userid,
        "@search?portal_users=" + b.userid,
        "@search?path=" + "/".join(b.objects["Mandat offen"].getPhysicalPath()),
        "@transactions",
        "@navigation?expand.navigation.depth=5",
        "@contextnavigation",
        "@akte-eingang",
        "@akte-mandant/GEHEIM-B-2",
        "@akte-mandat/GEHEIM-B-4/26",
        "@akte-status",
        "?expand=workflow,history,navigation,breadcrumbs,actions,types",
    ]


@pytest.mark.parametrize("asker", ASKERS)
def test_rest_services_named_for_b(matrix, asker):
    outcomes = [
        ask(matrix, asker, f"{matrix.base_url}/{path}", kind="rest")
        for path in named_rest_probes(matrix)
    ]
    assert_no_leaks(outcomes)


@pytest.mark.parametrize("name", B_OBJECTS)
def test_browser_views_on_b_objects(matrix, views, name):
    """Every browser view registered for the object, as client A with the cookie."""
    obj = matrix.b.objects[name]
    url = obj.absolute_url()
    outcomes = [
        ask(matrix, "A", f"{url}/@@{view}") for view in endpoints.applicable(views, obj)
    ]
    outcomes += [ask(matrix, "A", url + suffix) for suffix in FILE_VIEWS]
    assert len(outcomes) >= 50
    assert_no_leaks(outcomes)


@pytest.mark.parametrize("name", B_OBJECTS)
def test_files_and_pages_of_b_objects_anonymously(matrix, name):
    url = matrix.b.url(name)
    assert_no_leaks([ask(matrix, "anonymous", url + s) for s in FILE_VIEWS])


@pytest.mark.parametrize("asker", ASKERS)
def test_resolveuid_of_every_b_object(matrix, asker):
    """``resolveuid/<uid>`` (the links of e-mails): no redirect to B's path."""
    outcomes = []
    for name in B_OBJECTS:
        uid = matrix.b.objects[name].UID()
        for suffix in ("", "/@@download/file", "/@@images/file/thumb"):
            outcomes.append(
                ask(matrix, asker, f"{matrix.base_url}/resolveuid/{uid}{suffix}")
            )
    assert_no_leaks(outcomes)


def site_channels(matrix):
    """The site's own ways to list or find content, as a browser calls them."""
    a, b = matrix.a, matrix.b
    own = a.url("Mandat offen")
    b_uids = [b.objects[n].UID() for n in B_OBJECTS]
    return {
        "search": ("@@search", {"SearchableText": "geheim*"}),
        "search-all": ("@@search", {"portal_type": "Dokument"}),
        "livesearch": ("@@ajax-search", {"SearchableText": "geheim*"}),
        "sitemap.xml.gz": ("sitemap.xml.gz", None),
        "sitemap": ("@@sitemap", None),
        "RSS": ("RSS", None),
        "rss.xml": ("rss.xml", None),
        "search_rss": ("@@search_rss", {"SearchableText": "geheim*"}),
        "folder_contents": ("folder_contents", None),
        "fc-contextInfo": ("@@fc-contextInfo", None),
        "mandanten": ("mandanten", None),
        "mandanten-contents": ("mandanten/folder_contents", None),
        "author-b": (f"author/{b.userid}", None),
        "author-b-kontakt": (f"author/{b.kontakt_userid}", None),
        "author-contact-b": (f"author/{b.userid}/@@author-feedback-form", None),
        "member-search": ("@@member-search", SEARCH),
        "qsOptions": ("@@qsOptions", None),
        "getVocabulary-users": (
            "@@getVocabulary",
            {"name": "plone.app.vocabularies.Users", "query": "geheim"},
        ),
        "meine-akte": ("@@meine-akte", {"q": "geheim"}),
        "meine-daten": ("@@meine-daten", None),
        "meine-daten-herunterladen": ("@@meine-daten-herunterladen", None),
        "anmeldung-absichern": ("@@anmeldung-absichern", None),
        "anmeldung-bestaetigen": ("@@anmeldung-bestaetigen", None),
        "eingang": ("@@eingang", None),
        "own-akte-mandat": (own + "/@@akte-mandat", None),
        "own-nachrichten": (own + "/@@akte-nachricht-senden", None),
        "own-zip": (own + "/@@akte-zip", None),
        "own-zip-with-b-uids": (own + "/@@akte-zip", {"uid:list": b_uids}),
        "own-fragebogen-liste": (own + "/@@fragebogen-liste", None),
        "own-lesestatus": (own + "/@@akte-lesestatus", None),
        "own-dokument": (a.url("Dokument freigegeben"), None),
        "own-nachricht": (a.url("Nachricht Kanzlei"), None),
        "own-mandant": (a.url("Mandant") + "/@@akte-mandant", None),
        "contact-info": ("contact-info", None),
        "not-found-suggestions": ("mandanten/geheim-b-8-freigegeben", None),
    }


SITE_CHANNELS = (
    "search",
    "search-all",
    "livesearch",
    "sitemap.xml.gz",
    "sitemap",
    "RSS",
    "rss.xml",
    "search_rss",
    "folder_contents",
    "fc-contextInfo",
    "mandanten",
    "mandanten-contents",
    "author-b",
    "author-b-kontakt",
    "author-contact-b",
    "member-search",
    "qsOptions",
    "getVocabulary-users",
    "meine-akte",
    "meine-daten",
    "meine-daten-herunterladen",
    "anmeldung-absichern",
    "anmeldung-bestaetigen",
    "eingang",
    "own-akte-mandat",
    "own-nachrichten",
    "own-zip",
    "own-zip-with-b-uids",
    "own-fragebogen-liste",
    "own-lesestatus",
    "own-dokument",
    "own-nachricht",
    "own-mandant",
    "contact-info",
    "not-found-suggestions",
)


@pytest.mark.parametrize("channel", SITE_CHANNELS)
@pytest.mark.parametrize("asker", ASKERS)
def test_site_channels(matrix, asker, channel):
    path, params = site_channels(matrix)[channel]
    url = path if path.startswith("http") else f"{matrix.base_url}/{path}"
    assert_no_leaks([ask(matrix, asker, url, params=params)])


def test_site_channels_are_all_parametrized(matrix):
    assert sorted(site_channels(matrix)) == sorted(SITE_CHANNELS)


@pytest.mark.parametrize("asker", ASKERS)
def test_every_vocabulary(matrix, asker):
    """Every registered vocabulary, over REST and through the widgets' view."""
    outcomes = []
    for name in endpoints.vocabulary_names():
        outcomes.append(
            ask(
                matrix,
                asker,
                f"{matrix.base_url}/@vocabularies/{name}",
                kind="rest",
                params={"title": "geheim", "b_size": 1000},
            )
        )
        outcomes.append(
            ask(
                matrix,
                asker,
                f"{matrix.base_url}/@@getVocabulary",
                params={"name": name, "query": "geheim"},
            )
        )
    assert len(outcomes) >= 40
    assert_no_leaks(outcomes)


def test_search_counts_only_what_a_may_see(matrix):
    """No count of hidden objects: A's search totals are exactly A's hits."""
    own_path = "/".join(matrix.a.objects["Mandant"].getPhysicalPath())
    for params in (
        {},
        {"portal_type": "Dokument"},
        {"SearchableText": "geheim*"},
        {"portal_type": ["Mandat", "Mandant", "Nachricht", "EasyForm"]},
    ):
        found = matrix.sessions["A-rest"].get(
            f"{matrix.base_url}/@search",
            params={**params, "b_size": 1000, "metadata_fields": "getPath"},
            timeout=30,
        )
        assert found.status_code == 200
        body = found.json()
        paths = [item["getPath"] for item in body["items"]]
        assert body["items_total"] == len(paths)
        client_area = "/".join(matrix.portal["mandanten"].getPhysicalPath()) + "/"
        foreign = [p for p in paths if p.startswith(client_area)]
        assert all(p.startswith(own_path) for p in foreign), paths
    documents = matrix.sessions["A-rest"].get(
        f"{matrix.base_url}/@search",
        params={"portal_type": "Dokument", "b_size": 1000},
        timeout=30,
    )
    # A's visible documents: released, image, in the closed mandate, own upload.
    assert documents.json()["items_total"] == 4
