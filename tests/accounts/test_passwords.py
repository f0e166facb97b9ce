"""The password policy: every rule, with the German explanation the client sees."""

from kanzlei.akte.accounts.passwords import check_password
from kanzlei.akte.accounts.passwords import common_passwords
from kanzlei.akte.accounts.passwords import password_problems

import pytest


def ids(password, username="", fullname=""):
    return [str(m) for m in password_problems(password, username, fullname)]


def test_shipped_list_has_ten_thousand_common_passwords():
    common = common_passwords()
    assert len(common) >= 10_000
    for word in ("123456", "password", "passwort", "hallo123", "qwertz"):
        assert word in common


@pytest.mark.parametrize("password", ["", "kurz", "Ab3$xyz"])
def test_too_short(password):
    assert ids(password) == ["onboarding_pw_too_short"]


def test_too_long():
    assert ids("Ab3$" * 60) == ["onboarding_pw_too_long"]


@pytest.mark.parametrize(
    "password",
    ["Passwort", "password1", "iloveyou", "Sommer2026!", "HALLO123", "fussball"],
)
def test_common_passwords_refused(password):
    assert ids(password) == ["onboarding_pw_common"]


@pytest.mark.parametrize(
    "password",
    [
        "12345678",
        "87654321",
        "aaaaaaaa",
        "abcdefgh",
        "qwertzui",
        "asdfghjkl",
        "abcabcabc",
        "12121212",
        "abcd1234",
        "xxxxyyyy",
        "ZYXWVUTS",
    ],
)
def test_trivial_sequences_refused(password):
    assert ids(password) == ["onboarding_pw_trivial"]


def test_username_in_password_refused():
    assert ids("Hallo-emuster-Blau9", username="EMuster") == [
        "onboarding_pw_contains_username"
    ]


@pytest.mark.parametrize(
    "fullname", ["Erika Mustermann", "Dr. Jürgen Müller-Lüdenscheidt"]
)
def test_name_in_password_refused(fullname):
    password = {
        "Erika Mustermann": "Blau-MUSTERMANN-77",
        "Dr. Jürgen Müller-Lüdenscheidt": "xx-Mueller-Regen-4",
    }[fullname]
    assert ids(password, username="abc", fullname=fullname) == [
        "onboarding_pw_contains_name"
    ]


@pytest.mark.parametrize(
    "password",
    [
        "Sonnige Wiese am Fluss 7",
        "korrekt pferd batterie heftklammer",
        "Kq7!vZ2#rT",
        "8vR-kP2q",
    ],
)
def test_good_passwords_and_passphrases_pass(password):
    assert ids(password, username="erika.m", fullname="Erika Mustermann") == []


def test_check_password_returns_german_text():
    messages = check_password("12345678", "someone", "Erika Mustermann")
    assert len(messages) == 1
    assert "einfache Folge oder Wiederholung" in messages[0]
    assert check_password("Passwort", "x", "")[0].startswith(
        "Dieses Passwort gehört zu den am häufigsten verwendeten Passwörtern"
    )
    assert (
        check_password("kurz")[0] == "Das Passwort muss mindestens 8 Zeichen lang sein."
    )
    assert check_password("Sonnige Wiese am Fluss 7", "erika", "Erika M") == []
