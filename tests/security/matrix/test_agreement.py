"""The two matrices agree: what ``tests/permissions/test_matrix.py`` says in-process
about View is what the HTTP world answers over REST, for every object of client B and
everyone who asks (B's own user, the user of B's contact person, another client,
anonymous visitors, staff, the law-office software)."""

from tests.permissions.test_matrix import EXPECTED
from tests.security.matrix.test_isolation import B_OBJECTS


# The HTTP world's objects by their row in the in-process table.
ROW = {
    "Mandant": "Mandant",
    "Kontaktperson": "Kontaktperson",
    "Mandat offen": "Mandat offen",
    "Mandat abgeschlossen": "Mandat abgeschlossen",
    "Mandat archiviert": "Mandat archiviert",
    "Dokument intern": "Dokument intern",
    "Dokument freigegeben": "Dokument freigegeben",
    "Dokument Bild": "Dokument freigegeben",
    "Dokument abgeschlossen": "Dokument frei (Mandat abgeschlossen)",
    "Dokument archiviert": "Dokument frei (Mandat archiviert)",
    "Nachricht Kanzlei": "Nachricht",
    "Nachricht Mandant": "Nachricht",
    "Fragebogen": "Fragebogen",
    "Upload": "Upload des Mandanten",
}
# The HTTP matrix's sessions by their role in the in-process table (there the objects
# are A's: B's own user is the owner's role "clienta", client A is "clientb").
ROLE = {
    "B-rest": "clienta",
    "B-kontakt-rest": "kontakta",
    "A-rest": "clientb",
    "anonymous-rest": "anonymous",
    "staff-rest": "staff",
    "integration-rest": "integration",
}


def test_every_object_and_asker_is_compared():
    assert set(ROW) == set(B_OBJECTS)
    assert {(row, role) for row in ROW.values() for role in ROLE.values()} <= set(
        EXPECTED
    )


def test_rest_answers_what_the_permission_matrix_says(matrix):
    mismatches = []
    for name in B_OBJECTS:
        url = matrix.b.url(name)
        for session, role in ROLE.items():
            status = matrix.sessions[session].get(url, timeout=30).status_code
            may_view = EXPECTED[(ROW[name], role)]["View"]
            if (status == 200) != may_view or status not in (200, 401, 403, 404):
                mismatches.append(f"{name} / {session}: {status}, View={may_view}")
    assert not mismatches, "\n".join(mismatches)
