"""AKTE_SECURE_COOKIES decides whether the login cookie may travel over plain HTTP."""

from kanzlei.akte.instance.bootstrap import apply_cookie_settings
from kanzlei.akte.instance.config import Settings


def test_secure_cookie_switched_on_and_off(portal, clean_env, tmp_path):
    session = portal.acl_users.session
    clean_env.setenv("AKTE_SECURE_COOKIES", "1")
    message = apply_cookie_settings(portal, Settings.from_env(tmp_path))
    assert session.getProperty("secure") is True
    assert "HTTPS" in message
    clean_env.delenv("AKTE_SECURE_COOKIES")
    apply_cookie_settings(portal, Settings.from_env(tmp_path))
    assert session.getProperty("secure") is False
