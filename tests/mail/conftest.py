from datetime import timedelta
from kanzlei.akte.mail import queue
from kanzlei.akte.mail import sender
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api
from types import SimpleNamespace

import pytest
import transaction


@pytest.fixture
def akte(functional, smtp_sink):
    """A lawyer, client A (user ``mandant_a``) and client B (``mandant_b``)."""
    portal = functional["portal"]
    configure_mailhost(smtp_sink.port)
    with api.env.adopt_roles(["Manager"]):
        make_staff("anwalt", email="anwalt@example.org")
        mandant_a, mandat_a = make_client(
            portal, "Erika Muster", "10001", "123/26", userid="mandant_a",
            email="erika@example.org", subject="Mietsache Muster",
        )  # fmt: skip
        mandat_a.responsible_lawyer = "anwalt"
        mandant_b, mandat_b = make_client(
            portal, "Bert Beispiel", "10002", "124/26", userid="mandant_b",
            email="bert@example.org", subject="Erbsache Beispiel",
        )  # fmt: skip
    transaction.commit()
    return SimpleNamespace(
        portal=portal,
        sink=smtp_sink,
        mandant_a=mandant_a,
        mandat_a=mandat_a,
        mandant_b=mandant_b,
        mandat_b=mandat_b,
    )


def _flush(portal, minutes=0):
    return sender.flush(portal, now=queue.now() + timedelta(minutes=minutes))


@pytest.fixture
def flush():
    """``flush(portal, minutes=0)``: one beat of the sender, ``minutes`` from now."""
    return _flush
