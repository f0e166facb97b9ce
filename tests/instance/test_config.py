"""kanzlei.akte.instance.config: the AKTE_* environment, read in one place."""

from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings

import pytest


def test_defaults_without_any_akte_variable(clean_env, tmp_path):
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.instance_dir == (tmp_path / "instance").resolve()
    assert settings.var_dir == (tmp_path / "instance" / "var").resolve()
    assert settings.host == "localhost"
    assert settings.port == 8080
    assert settings.threads == 4
    assert settings.debug is False
    assert settings.trusted_proxies == ()
    assert settings.site_id == "kanzlei"
    assert settings.site_title == "Online-Akte"
    assert settings.admin_password == ""
    assert settings.demo is True
    # no SMTP server: the local mail sink on 127.0.0.1:8025
    assert settings.smtp_host == ""
    assert settings.mail_sink is True
    assert settings.smtp_port == 8025
    assert settings.smtp_starttls is False
    assert settings.mail_from == ""
    assert settings.mail_from_name == ""
    assert settings.listen == "localhost:8080"
    assert settings.zope_url == "http://localhost:8080"
    assert settings.site_url == "http://localhost:8080/kanzlei"
    var = settings.var_dir
    assert settings.mail_dir == var / "mail"
    assert settings.admin_password_file == var / "admin-password"
    assert settings.access_file == var / "zugang.txt"


def test_all_variables_are_read(clean_env, tmp_path):
    values = {
        "AKTE_HOST": "0.0.0.0",
        "AKTE_PORT": " 8090 ",
        "AKTE_THREADS": "2",
        "AKTE_VAR": str(tmp_path / "daten"),
        "AKTE_SITE_ID": "kanzlei-mueller_2",
        "AKTE_SITE_TITLE": "Kanzlei Müller",
        "AKTE_ADMIN_PASSWORD": " geheim mit Leerzeichen ",
        "AKTE_DEMO": "nein",
        "AKTE_SMTP_HOST": "smtp.example.org",
        "AKTE_SMTP_USER": "akte",
        "AKTE_SMTP_PASSWORD": "smtp-geheim",
        "AKTE_SMTP_STARTTLS": "ja",
        "AKTE_MAIL_FROM": "akte@kanzlei.example.org",
        "AKTE_MAIL_FROM_NAME": "Kanzlei Müller",
        "AKTE_TRUSTED_PROXIES": " 127.0.0.1  10.0.0.2 ",
        "AKTE_DEBUG": "on",
        "AKTE_SECURE_COOKIES": "1",
    }
    for name, value in values.items():
        clean_env.setenv(name, value)
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.host == "0.0.0.0"
    assert settings.port == 8090
    assert settings.threads == 2
    assert settings.var_dir == (tmp_path / "daten").resolve()
    assert settings.site_id == "kanzlei-mueller_2"
    assert settings.site_title == "Kanzlei Müller"
    # a password is taken as it is (spaces may belong to it)
    assert settings.admin_password == " geheim mit Leerzeichen "
    assert settings.demo is False
    assert settings.smtp_host == "smtp.example.org"
    assert settings.mail_sink is False
    assert settings.smtp_port == 25  # the default with a real SMTP server
    assert settings.smtp_user == "akte"
    assert settings.smtp_password == "smtp-geheim"
    assert settings.smtp_starttls is True
    assert settings.mail_from == "akte@kanzlei.example.org"
    assert settings.mail_from_name == "Kanzlei Müller"
    assert settings.trusted_proxies == ("127.0.0.1", "10.0.0.2")
    assert settings.debug is True
    assert settings.secure_cookies is True
    # listening on all addresses: the printed URL uses localhost
    assert settings.listen == "0.0.0.0:8090"
    assert settings.zope_url == "http://localhost:8090"
    assert settings.site_url == "http://localhost:8090/kanzlei-mueller_2"


def test_relative_akte_var_is_made_absolute(clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    clean_env.setenv("AKTE_VAR", "daten/akte")
    settings = Settings.from_env("instance")
    assert settings.var_dir == (tmp_path / "daten" / "akte").resolve()
    assert settings.var_dir.is_absolute()
    assert settings.instance_dir == (tmp_path / "instance").resolve()


def test_smtp_port_explicit(clean_env, tmp_path):
    clean_env.setenv("AKTE_SMTP_HOST", "smtp.example.org")
    clean_env.setenv("AKTE_SMTP_PORT", "465")
    assert Settings.from_env(tmp_path).smtp_port == 465
    clean_env.delenv("AKTE_SMTP_HOST")
    clean_env.setenv("AKTE_SMTP_PORT", "8026")  # the sink's port
    settings = Settings.from_env(tmp_path)
    assert settings.mail_sink is True
    assert settings.smtp_port == 8026


def test_empty_values_mean_default(clean_env, tmp_path):
    for name in ("AKTE_HOST", "AKTE_PORT", "AKTE_VAR", "AKTE_SITE_ID", "AKTE_THREADS"):
        clean_env.setenv(name, "  ")
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.host == "localhost"
    assert settings.port == 8080
    assert settings.threads == 4
    assert settings.site_id == "kanzlei"
    assert settings.var_dir == (tmp_path / "instance" / "var").resolve()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("ON", True),
        ("ja", True),
        (" Ja ", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("Nein", False),
    ],
)
def test_booleans(clean_env, tmp_path, value, expected):
    clean_env.setenv("AKTE_DEMO", value)
    clean_env.setenv("AKTE_DEBUG", value)
    clean_env.setenv("AKTE_SMTP_STARTTLS", value)
    settings = Settings.from_env(tmp_path)
    assert settings.demo is expected
    assert settings.debug is expected
    assert settings.smtp_starttls is expected


def test_invalid_boolean_is_a_clear_error(clean_env, tmp_path):
    clean_env.setenv("AKTE_DEMO", "vielleicht")
    with pytest.raises(ConfigError) as error:
        Settings.from_env(tmp_path)
    assert "AKTE_DEMO" in str(error.value)
    assert "vielleicht" in str(error.value)


@pytest.mark.parametrize("value", ["abc", "80 80", "8080x", "8.5"])
def test_invalid_port_is_a_clear_error(clean_env, tmp_path, value):
    clean_env.setenv("AKTE_PORT", value)
    with pytest.raises(ConfigError) as error:
        Settings.from_env(tmp_path)
    message = str(error.value)
    assert "AKTE_PORT" in message
    assert repr(value) in message
    assert "Zahl" in message


@pytest.mark.parametrize("name", ["AKTE_PORT", "AKTE_SMTP_PORT"])
@pytest.mark.parametrize("value", ["0", "-1", "65536", "80800"])
def test_port_out_of_range_is_a_clear_error(clean_env, tmp_path, name, value):
    """Not only after the (long) site setup, as an OverflowError from waitress."""
    clean_env.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        Settings.from_env(tmp_path)
    assert name in str(error.value)
    assert value in str(error.value)


def test_invalid_threads_is_a_clear_error(clean_env, tmp_path):
    clean_env.setenv("AKTE_THREADS", "viele")
    with pytest.raises(ConfigError, match="AKTE_THREADS"):
        Settings.from_env(tmp_path)


@pytest.mark.parametrize(
    "site_id", ["meine kanzlei", "kanzlei/akte", "../x", "kanzlei.de", "münchen", "_x"]
)
def test_invalid_site_id(clean_env, tmp_path, site_id):
    clean_env.setenv("AKTE_SITE_ID", site_id)
    with pytest.raises(ConfigError, match="AKTE_SITE_ID"):
        Settings.from_env(tmp_path)


def test_ipv6_host(clean_env, tmp_path):
    clean_env.setenv("AKTE_HOST", "::1")
    clean_env.setenv("AKTE_PORT", "8081")
    settings = Settings.from_env(tmp_path)
    assert settings.listen == "[::1]:8081"
    assert settings.zope_url == "http://[::1]:8081"
    clean_env.setenv("AKTE_HOST", "::")
    settings = Settings.from_env(tmp_path)
    assert settings.listen == "[::]:8081"
    assert settings.zope_url == "http://localhost:8081"


def test_server_limits_default_and_from_environment(clean_env, tmp_path):
    """waitress' connection limit and idle timeout, Zope's conflict retries."""
    settings = Settings.from_env(tmp_path)
    assert settings.connection_limit == 1000  # waitress' own 100 is too few
    assert settings.channel_timeout == 60
    assert settings.conflict_retries == 6  # Zope's own 3 is too few
    clean_env.setenv("AKTE_CONNECTION_LIMIT", "2000")
    clean_env.setenv("AKTE_CHANNEL_TIMEOUT", "30")
    clean_env.setenv("AKTE_CONFLICT_RETRIES", "4")
    settings = Settings.from_env(tmp_path)
    assert (settings.connection_limit, settings.channel_timeout) == (2000, 30)
    assert settings.conflict_retries == 4


@pytest.mark.parametrize(
    "name", ["AKTE_CONNECTION_LIMIT", "AKTE_CHANNEL_TIMEOUT", "AKTE_CONFLICT_RETRIES"]
)
@pytest.mark.parametrize("value", ["0", "-5", "viele"])
def test_invalid_server_limits(clean_env, tmp_path, name, value):
    clean_env.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        Settings.from_env(tmp_path)


def test_clamd_address_is_a_socket_path_or_host_port(clean_env, tmp_path, monkeypatch):
    assert Settings.from_env(tmp_path).clamd == ""
    monkeypatch.setenv("AKTE_CLAMD", "127.0.0.1:3310")
    assert Settings.from_env(tmp_path).clamd == "127.0.0.1:3310"
    monkeypatch.setenv("AKTE_CLAMD", "/run/clamav/clamd.ctl")
    assert Settings.from_env(tmp_path).clamd == "/run/clamav/clamd.ctl"
    monkeypatch.setenv("AKTE_CLAMD", "clamd")
    with pytest.raises(ConfigError, match="AKTE_CLAMD"):
        Settings.from_env(tmp_path)
