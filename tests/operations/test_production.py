"""Production mode (issue 13 §2): ``AKTE_MODE=production`` refuses insecure settings.

The start itself in production mode (restored data, public URL in the registry, the
admin password never printed) runs in test_backup.py.
"""

from kanzlei.akte.instance import production
from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings
from tests.conftest import free_port
from tests.instance.running import environment
from tests.instance.running import make_checkout

import os
import pytest
import subprocess


SECURE = {
    "AKTE_MODE": "production",
    "AKTE_HOST": "127.0.0.1",
    "AKTE_PUBLIC_URL": "https://akte.kanzlei-beispiel.de/",
    "AKTE_TRUSTED_PROXIES": "127.0.0.1",
    "AKTE_ADMIN_PASSWORD": "ein-langes-Passwort",
    "AKTE_SMTP_HOST": "smtp.kanzlei-beispiel.de",
}


def settings_with(env, tmp_path, **changes):
    """Settings from SECURE plus ``changes`` (None: unset), nothing of the shell's."""
    for name in [name for name in os.environ if name.startswith("AKTE_")]:
        env.delenv(name)
    for name, value in {**SECURE, **changes}.items():
        if value is None:
            env.delenv(name, raising=False)
        else:
            env.setenv(name, value)
    return Settings.from_env(tmp_path / "instance")


def test_secure_production_settings_pass(monkeypatch, tmp_path):
    settings = settings_with(monkeypatch, tmp_path)
    assert settings.production is True
    assert settings.demo is False  # production: no demo content by default
    assert settings.secure_cookies is True  # and HTTPS-only cookies
    assert settings.debug is False
    assert settings.public_url == "https://akte.kanzlei-beispiel.de"
    assert production.problems(settings) == []
    production.check(settings)


@pytest.mark.parametrize(
    ("change", "german", "english"),
    [
        ({"AKTE_DEMO": "1"}, "AKTE_DEMO=1: Demo-Inhalte", "demo content"),
        ({"AKTE_DEBUG": "1"}, "AKTE_DEBUG=1", "debug mode"),
        ({"AKTE_PUBLIC_URL": None}, "AKTE_PUBLIC_URL muss", "public https://"),
        ({"AKTE_PUBLIC_URL": "http://akte.example.org"}, "(ist: http://", "https://"),
        ({"AKTE_TRUSTED_PROXIES": None}, "kein TLS-Proxy", "no TLS proxy"),
        ({"AKTE_HOST": "0.0.0.0"}, "lauscht auf allen", "around the TLS proxy"),
        ({"AKTE_SECURE_COOKIES": "0"}, "Anmelde-Cookie ginge", "secure cookies"),
        ({"AKTE_ADMIN_PASSWORD": None}, "ein erzeugtes Passwort", "generated one"),
        ({"AKTE_ADMIN_PASSWORD": "kurz-123"}, "weniger als 12", "shorter than 12"),
        ({"AKTE_SMTP_HOST": None}, "lokale Mail-Sammler", "local mail sink"),
    ],
)
def test_each_insecure_setting_is_refused(
    monkeypatch, tmp_path, change, german, english
):
    settings = settings_with(monkeypatch, tmp_path, **change)
    [(de, en)] = production.problems(settings)
    assert german in de and english in en
    with pytest.raises(ConfigError, match="unsichere Einstellungen"):
        production.check(settings)


def test_development_mode_does_not_check(monkeypatch, tmp_path):
    settings = settings_with(monkeypatch, tmp_path, AKTE_MODE=None, AKTE_DEMO="1")
    assert settings.production is False
    assert settings.secure_cookies is False
    production.check(settings)  # no error: make start stays as it was


def test_unknown_mode_is_a_configuration_error(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="production oder development"):
        settings_with(monkeypatch, tmp_path, AKTE_MODE="prod")


def test_start_sh_refuses_and_says_why_in_german_and_english(tmp_path):
    checkout = make_checkout(tmp_path)
    var = tmp_path / "var"
    result = subprocess.run(
        [str(checkout / "instance" / "start.sh")],
        cwd=checkout,
        env=environment(
            AKTE_VAR=var,
            AKTE_PORT=free_port(),
            AKTE_MODE="production",
            AKTE_DEMO="1",
            AKTE_SECURE_COOKIES="0",
            AKTE_PUBLIC_URL="http://akte.kanzlei-beispiel.de",
        ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result
    err = result.stderr
    assert "unsichere Einstellungen, die Instanz startet nicht" in err
    assert "insecure settings, the instance does not start" in err
    for german, english in [
        ("Demo-Inhalte mit bekannten Zugängen", "demo content with well-known logins"),
        ("kein TLS-Proxy (nginx) eingetragen", "no TLS proxy configured"),
        ("das Anmelde-Cookie ginge auch über HTTP", "login cookie would travel"),
        ("öffentliche https://-Adresse", "public https:// address"),
        ("AKTE_ADMIN_PASSWORD fehlt", "AKTE_ADMIN_PASSWORD is missing"),
        ("AKTE_SMTP_HOST fehlt", "AKTE_SMTP_HOST is missing"),
    ]:
        assert german in err and english in err, err
    assert "Traceback" not in err
    assert not var.exists()  # nothing was written, no site created
    assert "läuft" not in result.stdout
