"""Content types: schemas, factories, where they may be added, defaults, opaque ids."""

from datetime import date
from kanzlei.akte.content.validation import assert_unique
from kanzlei.akte.content.validation import DuplicateKey
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import createContentInContainer
from plone.dexterity.utils import iterSchemataForType
from plone.namedfile.file import NamedBlobFile
from zope.component import getUtility
from zope.i18n import translate

import pytest


FIELDS = {
    "Mandant": {
        "title",
        "client_number",
        "client_type",
        "street",
        "zip_code",
        "city",
        "country",
        "phone",
        "email",
        "online_access",
    },
    "Kontaktperson": {"title", "email", "phone"},
    "Mandat": {
        "title",
        "file_number",
        "opposing_party",
        "responsible_lawyer",
        "opened",
        "closed",
    },
    "Dokument": {
        "file",
        "title",
        "document_date",
        "category",
        "direction",
        "added_by",
        "external_id",
    },
    "Nachricht": {"title", "text", "direction", "author", "attachments"},
}

ALLOWED = {
    "Mandantenbereich": ["Mandant"],
    "Mandant": ["Kontaktperson", "Mandat"],
    "Mandat": ["Dokument", "EasyForm", "Nachricht"],  # EasyForm: questionnaires
}


@pytest.fixture
def tree(portal):
    mandant, mandat = make_client(portal, "Anna Alpha", "A-1", "1/26")
    return portal, mandant, mandat


@pytest.mark.parametrize("portal_type", sorted(FIELDS))
def test_schema_fields(portal, portal_type):
    names = set()
    for schema in iterSchemataForType(portal_type):
        names |= set(schema.names())
    assert FIELDS[portal_type] <= names


@pytest.mark.parametrize("portal_type", sorted(FIELDS) + ["Mandantenbereich"])
def test_fti_not_global(portal, portal_type):
    fti = getUtility(IDexterityFTI, name=portal_type)
    assert fti.global_allow is False
    assert fti.add_permission == f"kanzlei.akte.Add{portal_type}"


def test_allowed_types(tree):
    portal, mandant, mandat = tree
    with api.env.adopt_roles(["Manager"]):
        area = portal["mandanten"]
        for container, name in (
            (area, "Mandantenbereich"),
            (mandant, "Mandant"),
            (mandat, "Mandat"),
        ):
            allowed = sorted(t.getId() for t in container.allowedContentTypes())
            assert allowed == ALLOWED[name], name  # exactly these, none missing
        portal_allowed = {t.getId() for t in portal.allowedContentTypes()}
        assert portal_allowed  # the site itself still takes Plone's own types
        assert not portal_allowed & (set(FIELDS) | {"Mandantenbereich"})


@pytest.mark.parametrize(
    "type_, where",
    [
        ("Mandant", "portal"),
        ("Mandant", "mandant"),
        ("Mandat", "area"),
        ("Mandat", "mandat"),
        ("Dokument", "mandant"),
        ("Nachricht", "area"),
        ("Kontaktperson", "mandat"),
        ("Mandantenbereich", "portal"),
    ],
)
def test_not_addable_elsewhere(tree, type_, where):
    portal, mandant, mandat = tree
    container = {
        "portal": portal,
        "area": portal["mandanten"],
        "mandant": mandant,
        "mandat": mandat,
    }[where]
    errors = (ValueError, api.exc.InvalidParameterError)
    with api.env.adopt_roles(["Manager"]), pytest.raises(errors):
        api.content.create(
            container=container, type=type_, title="X", file_number="9/9"
        )


def test_defaults(tree):
    portal, mandant, mandat = tree
    with api.env.adopt_roles(["Manager"]):
        bare = api.content.create(
            container=portal["mandanten"],
            type="Mandant",
            title="Bare",
            client_number="Z",
        )
        kontakt = api.content.create(container=bare, type="Kontaktperson", title="Kurt")
    assert bare.client_type == "person"
    assert bare.country == "Deutschland"
    assert bare.online_access is False
    assert mandat.opened == date.today()
    assert mandat.closed is None
    assert api.content.get_state(mandat) == "offen"
    assert api.content.get_state(kontakt) == "aktiv"
    doc = add_document(mandat, title="")
    assert doc.direction == "kanzlei"
    assert doc.document_date == date.today()
    assert doc.Title() == "a.pdf"  # falls back to the file name
    assert api.content.get_state(doc) == "freigegeben"  # the firm's default


def test_document_default_state_intern(tree):
    portal, mandant, mandat = tree
    api.portal.set_registry_record("kanzlei.akte.document_default_state", "intern")
    assert api.content.get_state(add_document(mandat)) == "intern"


def test_opaque_ids(tree):
    portal, mandant, mandat = tree
    assert mandant.getId().startswith("mandant-")
    assert mandat.getId().startswith("akte-")
    for obj in (mandant, mandat):
        assert "anna" not in obj.getId() and "miet" not in obj.getId()
        assert "1-26" not in obj.getId() and "a-1" not in obj.getId()
    _, mandat2 = make_client(portal, "Anna Alpha", "A-2", "2/26")
    assert mandat2.getId() != mandat.getId()


def test_message_and_document_factories(tree):
    portal, mandant, mandat = tree
    with api.env.adopt_roles(["Manager"]):
        doc = createContentInContainer(
            mandat, "Dokument", file=NamedBlobFile(data=b"x", filename="Scan 1.pdf")
        )
        msg = api.content.create(
            container=mandat, type="Nachricht", title="Hallo", text="Text"
        )
    assert doc.getId() == "scan-1.pdf"
    assert api.content.get_state(msg) == "gesendet"
    assert msg.direction == "kanzlei"


def test_assert_unique(tree):
    portal, mandant, mandat = tree
    assert_unique("client_number", "A-2", "Mandant")
    assert_unique("client_number", "A-1", "Mandant", context=mandant)  # its own number
    assert_unique("file_number", "", "Mandat")
    with pytest.raises(DuplicateKey) as info:
        assert_unique("client_number", " A-1 ", "Mandant")
    assert translate(info.value.args[0], target_language="de") == (
        "Die Mandantennummer A-1 ist bereits vergeben."
    )
    with pytest.raises(DuplicateKey) as info:
        assert_unique("file_number", "1/26", "Mandat", context=mandant)
    assert "1/26" in translate(info.value.args[0], target_language="de")


def test_duplicates_refused_whoever_stores(tree):
    portal, mandant, mandat = tree
    with api.env.adopt_roles(["Manager"]):
        with pytest.raises(DuplicateKey):
            api.content.create(
                container=portal["mandanten"],
                type="Mandant",
                title="B",
                client_number="A-1",
            )
        other, _ = make_client(portal, "Bert", "B-1", "5/26")
        with pytest.raises(DuplicateKey):
            api.content.create(
                container=other, type="Mandat", title="X", file_number="1/26"
            )
