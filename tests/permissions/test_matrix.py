"""The permission matrix: who may do what with which object, in which state.

Columns: View, ACI (Access contents information), Mod (Modify portal content), Add (the
type's add permission on its container), Del (Delete objects on the object and on its
container), List (appears in the container's listFolderContents as that user), Find
(appears in a catalog search as that user). ``x`` = yes, ``-`` = no.
"Dokument frei" = a released (freigegeben) document.

All objects but the last two belong to client A: ``clienta`` is A's own user,
``kontakta`` the user of A's contact person, ``gesperrt`` a user of A whose access staff
blocked; ``clientb`` is another client, ``clientc`` the user of a Mandant without online
access (the last two rows are C's); ``integration`` is the law-office software's account
(role Integration), ``admin`` the firm's administrator. "Upload des Mandanten" is a
document client A uploaded.

``tests/security/matrix/test_agreement.py`` checks that the HTTP isolation matrix sees
over REST what this table says for View.
"""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import getSecurityManager
from Acquisition import aq_parent
from plone import api
from tests.permissions.conftest import acting_as

import pytest


COLUMNS = ("View", "ACI", "Modify", "Add", "Delete", "Listed", "Found")

ADD_PERMISSION = {
    "Mandantenbereich": "kanzlei.akte: Add Mandantenbereich",
    "Mandant": "kanzlei.akte: Add Mandant",
    "Kontaktperson": "kanzlei.akte: Add Kontaktperson",
    "Mandat": "kanzlei.akte: Add Mandat",
    "Dokument": "kanzlei.akte: Add Dokument",
    "Nachricht": "kanzlei.akte: Add Nachricht",
    "EasyForm": "collective.easyform: Add Content",
}

MATRIX = """
object                                role        View ACI Mod Add Del List Find
Mandantenbereich                      anonymous   -    -   -   -   -   -    -
Mandantenbereich                      clienta     -    -   -   -   -   -    -
Mandantenbereich                      kontakta    -    -   -   -   -   -    -
Mandantenbereich                      gesperrt    -    -   -   -   -   -    -
Mandantenbereich                      clientb     -    -   -   -   -   -    -
Mandantenbereich                      clientc     -    -   -   -   -   -    -
Mandantenbereich                      staff       x    x   -   -   -   -    x
Mandantenbereich                      integration x    x   -   -   -   -    x
Mandantenbereich                      admin       x    x   x   -   x   x    x
Mandant                               anonymous   -    -   -   -   -   -    -
Mandant                               clienta     x    x   -   -   -   -    x
Mandant                               kontakta    x    x   -   -   -   -    x
Mandant                               gesperrt    -    -   -   -   -   -    -
Mandant                               clientb     -    -   -   -   -   -    -
Mandant                               clientc     -    -   -   -   -   -    -
Mandant                               staff       x    x   x   x   x   x    x
Mandant                               integration x    x   x   x   -   x    x
Mandant                               admin       x    x   x   x   x   x    x
Kontaktperson                         anonymous   -    -   -   -   -   -    -
Kontaktperson                         clienta     x    x   -   -   -   -    x
Kontaktperson                         kontakta    x    x   -   -   -   -    x
Kontaktperson                         gesperrt    -    -   -   -   -   -    -
Kontaktperson                         clientb     -    -   -   -   -   -    -
Kontaktperson                         clientc     -    -   -   -   -   -    -
Kontaktperson                         staff       x    x   x   x   x   x    x
Kontaktperson                         integration x    x   x   x   -   x    x
Kontaktperson                         admin       x    x   x   x   x   x    x
Mandat offen                          anonymous   -    -   -   -   -   -    -
Mandat offen                          clienta     x    x   -   -   -   -    x
Mandat offen                          kontakta    x    x   -   -   -   -    x
Mandat offen                          gesperrt    -    -   -   -   -   -    -
Mandat offen                          clientb     -    -   -   -   -   -    -
Mandat offen                          clientc     -    -   -   -   -   -    -
Mandat offen                          staff       x    x   x   x   x   x    x
Mandat offen                          integration x    x   x   x   -   x    x
Mandat offen                          admin       x    x   x   x   x   x    x
Mandat abgeschlossen                  anonymous   -    -   -   -   -   -    -
Mandat abgeschlossen                  clienta     x    x   -   -   -   -    x
Mandat abgeschlossen                  kontakta    x    x   -   -   -   -    x
Mandat abgeschlossen                  gesperrt    -    -   -   -   -   -    -
Mandat abgeschlossen                  clientb     -    -   -   -   -   -    -
Mandat abgeschlossen                  clientc     -    -   -   -   -   -    -
Mandat abgeschlossen                  staff       x    x   x   x   x   x    x
Mandat abgeschlossen                  integration x    x   x   x   -   x    x
Mandat abgeschlossen                  admin       x    x   x   x   x   x    x
Mandat archiviert                     anonymous   -    -   -   -   -   -    -
Mandat archiviert                     clienta     -    -   -   -   -   -    -
Mandat archiviert                     kontakta    -    -   -   -   -   -    -
Mandat archiviert                     gesperrt    -    -   -   -   -   -    -
Mandat archiviert                     clientb     -    -   -   -   -   -    -
Mandat archiviert                     clientc     -    -   -   -   -   -    -
Mandat archiviert                     staff       x    x   x   x   x   x    x
Mandat archiviert                     integration x    x   x   x   -   x    x
Mandat archiviert                     admin       x    x   x   x   x   x    x
Dokument intern                       anonymous   -    -   -   -   -   -    -
Dokument intern                       clienta     -    -   -   x   -   -    -
Dokument intern                       kontakta    -    -   -   x   -   -    -
Dokument intern                       gesperrt    -    -   -   -   -   -    -
Dokument intern                       clientb     -    -   -   -   -   -    -
Dokument intern                       clientc     -    -   -   -   -   -    -
Dokument intern                       staff       x    x   x   x   x   x    x
Dokument intern                       integration x    x   x   x   -   x    x
Dokument intern                       admin       x    x   x   x   x   x    x
Dokument freigegeben                  anonymous   -    -   -   -   -   -    -
Dokument freigegeben                  clienta     x    x   -   x   -   -    x
Dokument freigegeben                  kontakta    x    x   -   x   -   -    x
Dokument freigegeben                  gesperrt    -    -   -   -   -   -    -
Dokument freigegeben                  clientb     -    -   -   -   -   -    -
Dokument freigegeben                  clientc     -    -   -   -   -   -    -
Dokument freigegeben                  staff       x    x   x   x   x   x    x
Dokument freigegeben                  integration x    x   x   x   -   x    x
Dokument freigegeben                  admin       x    x   x   x   x   x    x
Dokument frei (Mandat abgeschlossen)  anonymous   -    -   -   -   -   -    -
Dokument frei (Mandat abgeschlossen)  clienta     x    x   -   -   -   -    x
Dokument frei (Mandat abgeschlossen)  kontakta    x    x   -   -   -   -    x
Dokument frei (Mandat abgeschlossen)  gesperrt    -    -   -   -   -   -    -
Dokument frei (Mandat abgeschlossen)  clientb     -    -   -   -   -   -    -
Dokument frei (Mandat abgeschlossen)  clientc     -    -   -   -   -   -    -
Dokument frei (Mandat abgeschlossen)  staff       x    x   x   x   x   x    x
Dokument frei (Mandat abgeschlossen)  integration x    x   x   x   -   x    x
Dokument frei (Mandat abgeschlossen)  admin       x    x   x   x   x   x    x
Dokument frei (Mandat archiviert)     anonymous   -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     clienta     -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     kontakta    -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     gesperrt    -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     clientb     -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     clientc     -    -   -   -   -   -    -
Dokument frei (Mandat archiviert)     staff       x    x   x   x   x   x    x
Dokument frei (Mandat archiviert)     integration x    x   x   x   -   x    x
Dokument frei (Mandat archiviert)     admin       x    x   x   x   x   x    x
Nachricht                             anonymous   -    -   -   -   -   -    -
Nachricht                             clienta     x    x   -   x   -   -    x
Nachricht                             kontakta    x    x   -   x   -   -    x
Nachricht                             gesperrt    -    -   -   -   -   -    -
Nachricht                             clientb     -    -   -   -   -   -    -
Nachricht                             clientc     -    -   -   -   -   -    -
Nachricht                             staff       x    x   x   x   x   x    x
Nachricht                             integration x    x   x   x   -   x    x
Nachricht                             admin       x    x   x   x   x   x    x
Upload des Mandanten                  anonymous   -    -   -   -   -   -    -
Upload des Mandanten                  clienta     x    x   -   x   -   -    x
Upload des Mandanten                  kontakta    x    x   -   x   -   -    x
Upload des Mandanten                  gesperrt    -    -   -   -   -   -    -
Upload des Mandanten                  clientb     -    -   -   -   -   -    -
Upload des Mandanten                  clientc     -    -   -   -   -   -    -
Upload des Mandanten                  staff       x    x   x   x   x   x    x
Upload des Mandanten                  integration x    x   x   x   -   x    x
Upload des Mandanten                  admin       x    x   x   x   x   x    x
Fragebogen                            anonymous   -    -   -   -   -   -    -
Fragebogen                            clienta     x    x   -   -   -   -    x
Fragebogen                            kontakta    x    x   -   -   -   -    x
Fragebogen                            gesperrt    -    -   -   -   -   -    -
Fragebogen                            clientb     -    -   -   -   -   -    -
Fragebogen                            clientc     -    -   -   -   -   -    -
Fragebogen                            staff       x    x   x   x   x   x    x
Fragebogen                            integration x    x   x   x   -   x    x
Fragebogen                            admin       x    x   x   x   x   x    x
Mandant ohne Online-Zugang            anonymous   -    -   -   -   -   -    -
Mandant ohne Online-Zugang            clienta     -    -   -   -   -   -    -
Mandant ohne Online-Zugang            kontakta    -    -   -   -   -   -    -
Mandant ohne Online-Zugang            gesperrt    -    -   -   -   -   -    -
Mandant ohne Online-Zugang            clientb     -    -   -   -   -   -    -
Mandant ohne Online-Zugang            clientc     -    -   -   -   -   -    -
Mandant ohne Online-Zugang            staff       x    x   x   x   x   x    x
Mandant ohne Online-Zugang            integration x    x   x   x   -   x    x
Mandant ohne Online-Zugang            admin       x    x   x   x   x   x    x
Mandat ohne Online-Zugang             anonymous   -    -   -   -   -   -    -
Mandat ohne Online-Zugang             clienta     -    -   -   -   -   -    -
Mandat ohne Online-Zugang             kontakta    -    -   -   -   -   -    -
Mandat ohne Online-Zugang             gesperrt    -    -   -   -   -   -    -
Mandat ohne Online-Zugang             clientb     -    -   -   -   -   -    -
Mandat ohne Online-Zugang             clientc     -    -   -   -   -   -    -
Mandat ohne Online-Zugang             staff       x    x   x   x   x   x    x
Mandat ohne Online-Zugang             integration x    x   x   x   -   x    x
Mandat ohne Online-Zugang             admin       x    x   x   x   x   x    x
"""

USERS = {
    "anonymous": None,
    "clienta": "clienta",
    "kontakta": "kontakta",
    "gesperrt": "gesperrt",
    "clientb": "clientb",
    "clientc": "clientc",
    "staff": "anwalt",
    "integration": "software",
    "admin": "chefin",
}


def parse(matrix):
    rows = {}
    lines = [line for line in matrix.strip().splitlines()[1:] if line.strip()]
    for line in lines:
        words = line.split()
        name, role, cells = " ".join(words[:-8]), words[-8], words[-7:]
        rows[(name, role)] = {
            column: cell == "x" for column, cell in zip(COLUMNS, cells, strict=True)
        }
    return rows


EXPECTED = parse(MATRIX)
ROLES = tuple(USERS)


def listed(obj):
    container = aq_parent(obj)
    try:
        items = container.restrictedTraverse("listFolderContents")()
    except Unauthorized:
        return False
    return any(item.getPhysicalPath() == obj.getPhysicalPath() for item in items)


def found(obj):
    uid = api.content.get_uuid(obj)
    return bool(api.content.find(UID=uid))


def observe(obj):
    container = aq_parent(obj)
    return {
        "View": _check("View", obj),
        "ACI": _check("Access contents information", obj),
        "Modify": _check("Modify portal content", obj),
        "Add": _check(ADD_PERMISSION[obj.portal_type], container),
        "Delete": _check("Delete objects", obj) and _check("Delete objects", container),
        "Listed": listed(obj),
        "Found": found(obj),
    }


def _check(permission, obj):
    return bool(getSecurityManager().checkPermission(permission, obj))


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role):
    mismatches = []
    for (name, row_role), expected in EXPECTED.items():
        if row_role != role:
            continue
        with acting_as(USERS[role]):
            seen = observe(world[name])
        for column in COLUMNS:
            if seen[column] != expected[column]:
                want, got = (
                    "x" if v else "-" for v in (expected[column], seen[column])
                )
                mismatches.append(
                    f"{name} / {role} / {column}: expected {want}, got {got}"
                )
    assert not mismatches, "\n".join(mismatches)


def test_matrix_is_complete():
    names = {name for name, _ in EXPECTED}
    assert len(names) == 15
    assert len(EXPECTED) == len(names) * len(ROLES)
