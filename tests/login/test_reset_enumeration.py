"""``POST @users/<name>/reset-password`` answers alike for known and unknown users."""

from kanzlei.akte.testing import make_client

import pytest
import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
BODIES = [
    None,
    {},
    {"new_password": "Sonnige Wiese am Fluss 7"},
    {"reset_token": "abc", "new_password": "Sonnige Wiese am Fluss 7"},
    {"reset_token": "abc"},
    {"old_password": "x"},
    {"old_password": "x", "new_password": "Sonnige Wiese am Fluss 7"},
    {"reset_token": "abc", "old_password": "x"},
    {"reset_token": "abc", "new_password": "passwort"},
]


@pytest.mark.parametrize("body", BODIES, ids=lambda b: repr(b)[:40])
def test_same_answer_for_known_and_unknown_users(functional, base_url, body):
    make_client(functional["portal"], "Müller", "K-1", "1/26", userid="mueller")
    transaction.commit()
    answers = []
    for name in ("mueller", "niemand-hier"):
        kwargs = {"headers": JSON}
        if body is not None:
            kwargs["json"] = body
        response = requests.post(f"{base_url}/@users/{name}/reset-password", **kwargs)
        text = response.text.replace(name, "<name>")
        answers.append((response.status_code, text))
    assert answers[0] == answers[1]
    assert answers[0][0] < 500
