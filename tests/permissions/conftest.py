from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.accounts.links import set_disabled
from kanzlei.akte.questionnaires.presets import add_from_preset
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import client_upload
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import pytest


@contextmanager
def acting_as(userid):
    """Run as a user (None = anonymous); restores the previous security manager."""
    previous = getSecurityManager()
    if userid is None:
        newSecurityManager(None, nobody)
    else:
        acl_users = api.portal.get().acl_users
        newSecurityManager(None, acl_users.getUserById(userid).__of__(acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def _mandate(mandant, title, file_number, state):
    with api.env.adopt_roles(["Manager"]):
        mandat = api.content.create(
            container=mandant, type="Mandat", title=title, file_number=file_number
        )
        for transition in {
            "offen": [],
            "abgeschlossen": ["abschliessen"],
            "archiviert": ["abschliessen", "archivieren"],
        }[state]:
            api.content.transition(obj=mandat, transition=transition)
    return mandat


def _user(userid, roles=("Member",)):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password="Test-Passwort-2026",
            roles=roles,
        )


@pytest.fixture
def world(portal):
    """Client A (open, closed, archived mandate; a contact person with a user of their
    own; a second user whose access staff blocked), client B, client C whose Mandant
    has no online access; staff, firm admin and the law-office software's account."""
    make_staff("anwalt")
    api.user.create(
        email="admin@example.org", username="chefin", password="Chefin-Passwort-2026"
    )
    api.group.add_user(groupname="kanzlei-admin", username="chefin")
    _user("software", roles=("Integration", "Member"))
    mandant_a, offen = make_client(portal, "Anna A", "A-1", "1/26", userid="clienta")
    mandant_b, offen_b = make_client(portal, "Bert B", "B-1", "9/26", userid="clientb")
    mandant_c, offen_c = make_client(
        portal, "Cora C", "C-1", "7/26", userid="clientc", online_access=False
    )
    closed = _mandate(mandant_a, "Alte Sache", "2/26", "abgeschlossen")
    archived = _mandate(mandant_a, "Uralte Sache", "3/26", "archiviert")
    with api.env.adopt_roles(["Manager"]):
        kontakt = api.content.create(
            container=mandant_a, type="Kontaktperson", title="Kurt K"
        )
        _user("kontakta")
        link_user(mandant_a, "kontakta", kontaktperson=kontakt)
        _user("gesperrt")
        link_user(mandant_a, "gesperrt")
        set_disabled(mandant_a, "gesperrt")
        questionnaire = add_from_preset(
            offen, "mietrecht", "Fragebogen Miete", portal.REQUEST
        )
        add_document(offen_c, title="Vertrag C")
    upload = client_upload(offen, "clienta", title="Mein Scan", filename="scan.pdf")
    with api.env.adopt_roles(["Manager"]):
        intern = add_document(offen, title="Vermerk")
        api.content.transition(obj=intern, transition="zurueckziehen")
        released = add_document(offen, title="Klage")
        in_closed = add_document(closed, title="Urteil")
        in_archived = add_document(archived, title="Altakte")
        message = api.content.create(
            container=offen, type="Nachricht", title="Termin", text="Bitte kommen Sie."
        )
        add_document(offen_b, title="Vertrag B")
    return {
        "portal": portal,
        "Mandantenbereich": portal["mandanten"],
        "Mandant": mandant_a,
        "Kontaktperson": kontakt,
        "Mandat offen": offen,
        "Mandat abgeschlossen": closed,
        "Mandat archiviert": archived,
        "Dokument intern": intern,
        "Dokument freigegeben": released,
        "Dokument frei (Mandat abgeschlossen)": in_closed,
        "Dokument frei (Mandat archiviert)": in_archived,
        "Nachricht": message,
        "Upload des Mandanten": upload,
        "Fragebogen": questionnaire,
        "Mandant ohne Online-Zugang": mandant_c,
        "Mandat ohne Online-Zugang": offen_c,
        "Mandant B": mandant_b,
        "Mandat B": offen_b,
    }
