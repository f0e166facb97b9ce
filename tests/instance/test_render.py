"""kanzlei.akte.instance.render: instance/etc/ from the templates and AKTE_*."""

from kanzlei.akte.instance import render
from kanzlei.akte.instance.config import Settings
from Zope2.Startup.options import ZopeWSGIOptions

import configparser
import pytest
import subprocess


def _render(instance_dir):
    render.render(Settings.from_env(instance_dir))
    return instance_dir / "etc"


def _zope_conf(etc):
    """zope.conf as Zope reads it (schema-checked, without side effects)."""
    return ZopeWSGIOptions(configfile=str(etc / "zope.conf"))().configroot


def _start_env(etc):
    """The values start.sh gets by sourcing etc/start.env (with a real bash)."""
    script = f'set -a; source "{etc}/start.env"; env -0'
    out = subprocess.run(
        ["bash", "-c", script], capture_output=True, check=True, env={}
    ).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    return {key: value for key, value in pairs if key.startswith("AKTE_")}


def test_defaults(clean_env, instance_dir):
    etc = _render(instance_dir)
    var = instance_dir.resolve() / "var"
    assert sorted(p.name for p in etc.iterdir()) == [
        "site.zcml",
        "start.env",
        "zope.conf",
        "zope.ini",
    ]
    conf = _zope_conf(etc)
    assert conf.instancehome == str(instance_dir.resolve())
    assert conf.clienthome == str(var)
    assert conf.pid_filename == str(var / "instance.pid")
    assert conf.debug_mode is False
    assert conf.trusted_proxies == []
    storage = conf.databases[0].config.storage.config
    assert storage.blob_dir == str(var / "blobstorage")
    assert storage.base.config.path == str(var / "filestorage" / "Data.fs")
    assert conf.databases[0].config.mount_points == ["/"]
    ini = (etc / "zope.ini").read_text()
    assert "listen = localhost:8080\n" in ini
    assert "threads = 4\n" in ini
    # idle and slow connections do not lock others out (tests/instance/test_faults.py)
    assert "connection_limit = 1000\n" in ini
    assert "channel_timeout = 60\n" in ini
    assert "asyncore_use_poll = true\n" in ini
    # a request that lost a ConflictError is repeated (Zope reads zope.conf)
    assert conf.max_conflict_retries == 6
    # the data directories exist, blobs are private (ZODB warns otherwise)
    for folder in ("filestorage", "blobstorage", "cache", "log"):
        assert (var / folder).is_dir()
    assert (var / "blobstorage").stat().st_mode & 0o777 == 0o700
    # the local mail sink's Maildir
    for folder in ("cur", "new", "tmp"):
        assert (var / "mail" / folder).is_dir()


def test_i18n_compile_and_chameleon_cache_in_environment(clean_env, instance_dir):
    """Translations ship as .po files: Zope must compile them at start."""
    conf = _zope_conf(_render(instance_dir))
    var = instance_dir.resolve() / "var"
    assert conf.environment["zope_i18n_compile_mo_files"] == "true"
    assert conf.environment["CHAMELEON_CACHE"] == str(var / "cache")


def test_data_paths_port_and_options_from_environment(
    clean_env, instance_dir, tmp_path
):
    var = tmp_path / "daten mit leerzeichen"
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_PORT", "8123")
    clean_env.setenv("AKTE_THREADS", "2")
    clean_env.setenv("AKTE_CONNECTION_LIMIT", "300")
    clean_env.setenv("AKTE_CHANNEL_TIMEOUT", "20")
    clean_env.setenv("AKTE_CONFLICT_RETRIES", "8")
    clean_env.setenv("AKTE_HOST", "127.0.0.1")
    clean_env.setenv("AKTE_SITE_ID", "kanzlei-mueller")
    clean_env.setenv("AKTE_DEBUG", "1")
    clean_env.setenv("AKTE_TRUSTED_PROXIES", "127.0.0.1 10.0.0.2")
    etc = _render(instance_dir)
    var = var.resolve()

    conf = _zope_conf(etc)
    assert conf.clienthome == str(var)
    storage = conf.databases[0].config.storage.config
    assert storage.blob_dir == str(var / "blobstorage")
    assert storage.base.config.path == str(var / "filestorage" / "Data.fs")
    assert conf.environment["CHAMELEON_CACHE"] == str(var / "cache")
    assert conf.environment["zope_i18n_compile_mo_files"] == "true"
    assert conf.debug_mode is True
    assert conf.trusted_proxies == ["127.0.0.1", "10.0.0.2"]
    # nothing lands in the default data directory
    assert not (instance_dir / "var").exists()
    assert (var / "filestorage").is_dir()

    ini = configparser.ConfigParser(defaults={"here": str(etc)})
    ini.read(etc / "zope.ini")
    assert ini["server:main"]["listen"] == "127.0.0.1:8123"
    assert ini["server:main"]["threads"] == "2"
    assert ini["server:main"]["connection_limit"] == "300"
    assert ini["server:main"]["channel_timeout"] == "20"
    assert conf.max_conflict_retries == 8
    assert ini["app:zope"]["zope_conf"] == str(etc / "zope.conf")
    assert ini["filter:root_redirect"]["site_id"] == "kanzlei-mueller"
    assert str(var / "log" / "access.log") in ini["handler_accesslog"]["args"]
    assert str(var / "log" / "event.log") in ini["handler_eventlog"]["args"]
    pipeline = ini["pipeline:main"]["pipeline"].split()
    assert pipeline[-2:] == ["root_redirect", "zope"]


def test_no_mail_sink_with_smtp_host(clean_env, instance_dir, tmp_path):
    clean_env.setenv("AKTE_VAR", str(tmp_path / "var"))
    clean_env.setenv("AKTE_SMTP_HOST", "smtp.example.org")
    etc = _render(instance_dir)
    assert not (tmp_path / "var" / "mail").exists()
    assert _start_env(etc)["AKTE_MAIL_SINK"] == ""


def test_start_env_for_the_shell(clean_env, instance_dir, tmp_path):
    var = tmp_path / "it's data"  # quoting for the shell
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_PORT", "8124")
    clean_env.setenv("AKTE_SMTP_PORT", "8026")
    clean_env.setenv("AKTE_SITE_ID", "akte")
    env = _start_env(_render(instance_dir))
    var = var.resolve()
    assert env == {
        "AKTE_VAR_DIR": str(var),
        "AKTE_ZOPE_URL": "http://localhost:8124",
        "AKTE_SITE_URL": "http://localhost:8124/akte",
        "AKTE_LISTEN_HOST": "localhost",
        "AKTE_LISTEN_PORT": "8124",
        "AKTE_MAIL_SINK": "1",
        "AKTE_SINK_LISTEN": "127.0.0.1:8026",
        "AKTE_MAIL_DIR": str(var / "mail"),
        "AKTE_ACCESS_FILE": str(var / "zugang.txt"),
    }


def test_mail_dir_shown_relative_to_working_directory(clean_env, instance_dir):
    clean_env.chdir(instance_dir.parent)
    env = _start_env(_render(instance_dir))
    assert env["AKTE_MAIL_DIR"] == "instance/var/mail"


def test_rendering_again_overwrites_etc(clean_env, instance_dir):
    _render(instance_dir)
    (instance_dir / "etc" / "zope.ini").write_text("edited by hand")
    clean_env.setenv("AKTE_PORT", "8125")
    etc = _render(instance_dir)
    assert "listen = localhost:8125" in (etc / "zope.ini").read_text()


def test_root_redirect_filter_loads_from_rendered_zope_ini(clean_env, instance_dir):
    """The PasteDeploy wiring of our filter, as runwsgi loads it."""
    from paste.deploy import loadfilter

    clean_env.setenv("AKTE_SITE_ID", "akte")
    etc = _render(instance_dir)
    make_filter = loadfilter(f"config:{etc / 'zope.ini'}", name="root_redirect")
    app = make_filter(lambda environ, start_response: [b"zope"])
    assert app.site_id == "akte"


def test_fill_rejects_unknown_placeholder():
    assert render.fill("a {{x}} b {{x}}", {"x": "1"}) == "a 1 b 1"
    with pytest.raises(KeyError, match="typo"):
        render.fill("{{typo}}", {"x": "1"})


def test_main_usage(capsys):
    assert render.main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_main_config_error_is_clear_and_writes_nothing(clean_env, instance_dir, capsys):
    clean_env.setenv("AKTE_PORT", "acht-null-acht-null")
    assert render.main([str(instance_dir)]) == 1
    err = capsys.readouterr().err
    assert "Konfigurationsfehler / configuration error" in err
    assert "AKTE_PORT='acht-null-acht-null'" in err
    assert "Traceback" not in err
    assert not (instance_dir / "etc").exists()
    assert not (instance_dir / "var").exists()


def test_main_renders(clean_env, instance_dir):
    assert render.main([str(instance_dir)]) == 0
    assert (instance_dir / "etc" / "zope.conf").is_file()


def test_database_caches_and_pool_default(clean_env, instance_dir):
    """One connection per worker thread plus the notification clock's."""
    db = _zope_conf(_render(instance_dir)).databases[0].config
    assert db.pool_size == 5  # AKTE_THREADS 4 + 1
    assert db.cache_size == 30000


def test_relstorage_caches_and_pool_from_environment(clean_env, instance_dir):
    clean_env.setenv("AKTE_RELSTORAGE_DSN", "dbname=akte")
    clean_env.setenv("AKTE_THREADS", "6")
    clean_env.setenv("AKTE_ZODB_CACHE_SIZE", "50000")
    clean_env.setenv("AKTE_RELSTORAGE_CACHE_MB", "300")
    clean_env.setenv("AKTE_BLOB_CACHE_SIZE", "10gb")
    db = _zope_conf(_render(instance_dir)).databases[0].config
    assert db.pool_size == 7  # follows the threads
    assert db.cache_size == 50000
    storage = db.storage.config
    assert storage.cache_local_mb == 300
    assert storage.blob_cache_size == 10 * 1024**3
    clean_env.setenv("AKTE_ZODB_POOL_SIZE", "12")
    assert _zope_conf(_render(instance_dir)).databases[0].config.pool_size == 12


def test_relstorage_cache_defaults(clean_env, instance_dir):
    clean_env.setenv("AKTE_RELSTORAGE_DSN", "dbname=akte")
    storage = _zope_conf(_render(instance_dir)).databases[0].config.storage.config
    assert storage.cache_local_mb == 100  # RelStorage's own default: 10
    assert storage.blob_cache_size == 2 * 1024**3


def test_zeo_blob_cache_from_environment(clean_env, instance_dir):
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:8100")
    clean_env.setenv("AKTE_BLOB_CACHE_SIZE", "500MB")
    storage = _zope_conf(_render(instance_dir)).databases[0].config.storage.config
    assert storage.blob_cache_size == 500 * 1024**2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("AKTE_BLOB_CACHE_SIZE", "viel"),
        ("AKTE_BLOB_CACHE_SIZE", "0"),
        ("AKTE_BLOB_CACHE_SIZE", "2 Gigabyte"),
        ("AKTE_RELSTORAGE_CACHE_MB", "0"),
        ("AKTE_ZODB_POOL_SIZE", "x"),
        ("AKTE_ZODB_CACHE_SIZE", "-1"),
    ],
)
def test_invalid_database_settings_are_clear_errors(
    clean_env, instance_dir, capsys, name, value
):
    clean_env.setenv(name, value)
    assert render.main([str(instance_dir)]) == 1
    err = capsys.readouterr().err
    assert f"{name}=" in err and "Traceback" not in err


def test_waitress_passes_x_forwarded_for_to_zope(clean_env, instance_dir):
    """waitress with the rendered [server:main] keeps the proxy's X-Forwarded-For;
    whose it trusts, pas/clientip.py decides (AKTE_TRUSTED_PROXIES). Waitress' own
    default deletes it: every client behind nginx had nginx's address, and wrong
    logins from one throttled all (tests/operations/test_tls.py, end to end)."""
    import http.client
    import threading
    import waitress

    ini = configparser.ConfigParser(interpolation=None)
    ini.read(_render(instance_dir) / "zope.ini")
    options = dict(ini["server:main"])
    del options["use"]
    options["listen"] = "127.0.0.1:0"
    seen = []

    def app(environ, start_response):
        seen.append(environ.get("HTTP_X_FORWARDED_FOR"))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = waitress.create_server(app, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"X-Forwarded-For": "203.0.113.7"})
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        server.close()
    assert seen == ["203.0.113.7"]
