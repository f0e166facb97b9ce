"""The isolation matrix's world: built once per module on the functional layer.

The module fixture drives the layer's ``testSetUp``/``testTearDown`` itself (as
pytest-plone's class fixtures do), so all cases of a module share one committed world,
one WSGI server and one logged-in ``requests.Session`` per user.
"""

from tests.security.matrix import probe
from tests.security.matrix.world import build_world
from tests.security.matrix.world import INTEGRATION
from tests.security.matrix.world import PASSWORD
from tests.security.matrix.world import STAFF
from tests.security.matrix.world import STAFF_PASSWORD
from types import SimpleNamespace

import json
import os
import pytest
import transaction


@pytest.fixture(scope="module")
def matrix(functional_session):
    layer = functional_session
    layer.testSetUp()
    try:
        world = build_world(layer["portal"], layer["request"])
        transaction.commit()
        base_url = f"http://{layer['host']}:{layer['port']}/plone"
        a, b = world["A"], world["B"]
        sessions = {
            "A": probe.cookie_session(base_url, a.userid, PASSWORD),
            "A-rest": probe.jwt_session(base_url, a.userid, PASSWORD),
            "anonymous": probe.anonymous_session("text/html,*/*;q=0.8"),
            "anonymous-rest": probe.anonymous_session("application/json"),
            "staff": probe.cookie_session(base_url, STAFF, STAFF_PASSWORD),
            "staff-rest": probe.jwt_session(base_url, STAFF, STAFF_PASSWORD),
            # B's own users and the law-office software: for test_agreement.py
            "B-rest": probe.jwt_session(base_url, b.userid, PASSWORD),
            "B-kontakt-rest": probe.jwt_session(base_url, b.kontakt_userid, PASSWORD),
            "integration-rest": probe.jwt_session(
                base_url, INTEGRATION, STAFF_PASSWORD
            ),
        }
        forbidden = {
            # What A must never learn: anything of B.
            "A": {b.marker, *b.tokens},
            # Anonymous visitors learn nothing of any client.
            "anonymous": {a.marker, b.marker, *a.tokens, *b.tokens},
        }
        yield SimpleNamespace(
            portal=layer["portal"],
            base_url=base_url,
            world=world,
            a=a,
            b=b,
            sessions=sessions,
            forbidden=forbidden,
        )
        for session in sessions.values():
            session.close()
    finally:
        layer.testTearDown()


def pytest_terminal_summary(terminalreporter):
    """The figures of docs/security.md: probes tried, passed, leaking (and 5xx)."""
    recorder = probe.RECORDER
    if not recorder.tried:
        return
    leaking = recorder.leaking
    errors = [o for o in recorder.outcomes if o.status >= 500]
    figures = {
        "tried": recorder.tried,
        "passed": recorder.tried - len(leaking),
        "leaking": len(leaking),
        "server_errors": len(errors),
    }
    terminalreporter.write_sep("=", "isolation matrix")
    terminalreporter.write_line(
        "probes tried: {tried}, passed: {passed}, leaking: {leaking}, "
        "5xx answers: {server_errors}".format(**figures)
    )
    for outcome in leaking:
        terminalreporter.write_line(f"  LEAK {outcome}")
    target = os.environ.get("AKTE_MATRIX_FIGURES")
    if target:
        figures["leaks"] = [str(o) for o in leaking]
        figures["errors"] = [str(o) for o in errors]
        with open(target, "w") as out:
            json.dump(figures, out, indent=2)
