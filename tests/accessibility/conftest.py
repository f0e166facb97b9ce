"""Fixtures of the accessibility tests: the client pages' demo data (with the firm's
branding), an open invitation and a questionnaire in the mandate."""

from kanzlei.akte.accounts import invitations
from kanzlei.akte.questionnaires.presets import add_from_preset
from kanzlei.akte.testing import make_client
from plone import api
from tests.client.conftest import akte  # noqa: F401 (the shared demo data)

import pytest
import transaction


@pytest.fixture
def a11y_data(akte, functional):  # noqa: F811
    """``akte`` plus an invitation link (``token``) and a questionnaire in 101/26."""
    invited, _mandat = make_client(
        functional["portal"], "Erika Mustermann", "M-100", "100/26"
    )
    with api.env.adopt_roles(["Manager"]):
        _invitation, token, _code = invitations.create_invitation(invited)
    with api.env.adopt_user(username="anwalt"):
        fragebogen = add_from_preset(
            akte["m1"], "verkehrsunfall", "", functional["request"]
        )
    transaction.commit()
    return dict(akte, token=token, fragebogen=fragebogen)
