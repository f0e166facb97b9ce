"""Fixtures of the questionnaire tests: staff ``anwalt``, clients A and B."""

from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import pytest
import transaction


def _akte(portal):
    with api.env.adopt_roles(["Manager"]):
        make_staff()
        _mandant_a, mandat_a = make_client(
            portal,
            "Erika Muster",
            "M-1001",
            "101/26",
            userid="mandant-a",
            subject="Verkehrsunfall Muster",
        )
        _mandant_b, mandat_b = make_client(
            portal,
            "Bernd Beispiel",
            "M-1002",
            "102/26",
            userid="mandant-b",
            subject="Mietsache Beispiel",
        )
        mandat_a.responsible_lawyer = "anwalt"
        mandat_a.reindexObject()
    return {"portal": portal, "mandat_a": mandat_a, "mandat_b": mandat_b}


@pytest.fixture
def akte(integration):
    """Integration layer: client A (``mandant-a``, 101/26), B (``mandant-b``)."""
    return _akte(integration["portal"])


@pytest.fixture
def akte_web(functional):
    """The same on the functional layer, committed for the WSGI server."""
    akte = _akte(functional["portal"])
    transaction.commit()
    return akte
