"""Scale-out: ZEO and RelStorage instead of the one-process FileStorage.

The configuration (AKTE_ZEO_ADDRESS, AKTE_RELSTORAGE_DSN, AKTE_ETC), the rendered
zope.conf / zeo.conf as Zope and runzeo parse them, and instance/zeo.sh serving
the data the one-process instance wrote (FileStorage + blobs). The end-to-end
test with two Plone instances on one ZEO server is in test_start.py.
"""

from kanzlei.akte.instance import render
from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings
from pathlib import Path
from tests.instance.running import wait_for_port
from Zope2.Startup.options import ZopeWSGIOptions

import contextlib
import os
import pytest
import signal
import socket
import subprocess


REPO = Path(__file__).resolve().parents[2]


def _zope_conf(etc):
    """zope.conf as Zope reads it (schema-checked, without side effects)."""
    return ZopeWSGIOptions(configfile=str(etc / "zope.conf"))().configroot


def _storage(etc):
    """The storage section of the main database: (section type, its config)."""
    databases = _zope_conf(etc).databases
    assert [db.name for db in databases] == ["main"]
    assert databases[0].config.mount_points == ["/"]
    storage = databases[0].config.storage
    return storage.config.getSectionType(), storage.config


def _render(instance_dir):
    render.render(Settings.from_env(instance_dir))
    return instance_dir / "etc"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- configuration -------------------------------------------------------------


def test_one_process_filestorage_by_default(clean_env, tmp_path):
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.storage == "filestorage"
    assert settings.shared_storage is False
    assert settings.zeo_address == ""
    assert settings.relstorage_dsn == ""
    assert settings.etc_dir == (tmp_path / "instance" / "etc").resolve()
    assert settings.zeo_listen == "127.0.0.1:8100"  # instance/zeo.sh's default


@pytest.mark.parametrize(
    "address", ["127.0.0.1:8100", "zeo.intern:9100", "[::1]:8100", "localhost:1"]
)
def test_zeo_address_host_and_port(clean_env, tmp_path, address):
    clean_env.setenv("AKTE_ZEO_ADDRESS", f" {address} ")
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.storage == "zeo"
    assert settings.shared_storage is True
    assert settings.zeo_address == address
    assert settings.zeo_listen == address


def test_zeo_address_unix_socket_is_made_absolute(clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    clean_env.setenv("AKTE_ZEO_ADDRESS", "var/zeo.sock")
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.zeo_address == str(tmp_path.resolve() / "var" / "zeo.sock")


@pytest.mark.parametrize("address", ["8100", "localhost", ":8100", "host:0", "h:x"])
def test_zeo_address_invalid(clean_env, tmp_path, address):
    clean_env.setenv("AKTE_ZEO_ADDRESS", address)
    with pytest.raises(ConfigError, match=f"AKTE_ZEO_ADDRESS='{address}'"):
        Settings.from_env(tmp_path / "instance")


def test_relstorage_dsn(clean_env, tmp_path):
    dsn = "dbname='akte' user='akte' host='db.intern' password='ge$heim'"
    clean_env.setenv("AKTE_RELSTORAGE_DSN", dsn)
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.storage == "relstorage"
    assert settings.shared_storage is True
    assert settings.relstorage_dsn == dsn


def test_zeo_and_relstorage_together_is_an_error(clean_env, tmp_path):
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:8100")
    clean_env.setenv("AKTE_RELSTORAGE_DSN", "dbname=akte")
    with pytest.raises(ConfigError, match="AKTE_ZEO_ADDRESS und AKTE_RELSTORAGE_DSN"):
        Settings.from_env(tmp_path / "instance")


def test_etc_dir_from_environment(clean_env, tmp_path):
    clean_env.setenv("AKTE_ETC", str(tmp_path / "etc-2"))
    settings = Settings.from_env(tmp_path / "instance")
    assert settings.etc_dir == (tmp_path / "etc-2").resolve()


def test_main_reports_both_databases_clearly(clean_env, instance_dir, capsys):
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:8100")
    clean_env.setenv("AKTE_RELSTORAGE_DSN", "dbname=akte")
    assert render.main([str(instance_dir)]) == 1
    err = capsys.readouterr().err
    assert "Konfigurationsfehler / configuration error" in err
    assert "nur eine Datenbank / set only one of them" in err
    assert "Traceback" not in err
    assert not (instance_dir / "etc").exists()


def test_shared_storage_needs_the_admin_password(clean_env, tmp_path):
    """Several instances, each with its own var/: no generated password then."""
    from kanzlei.akte.instance.bootstrap import admin_password

    clean_env.setenv("AKTE_VAR", str(tmp_path / "var"))
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:8100")
    with pytest.raises(SystemExit, match="AKTE_ADMIN_PASSWORD"):
        admin_password(Settings.from_env(tmp_path / "instance"))
    assert not (tmp_path / "var" / "admin-password").exists()
    clean_env.setenv("AKTE_ADMIN_PASSWORD", "geheim")
    assert admin_password(Settings.from_env(tmp_path / "instance")) == "geheim"


# --- rendered zope.conf ----------------------------------------------------------


def test_filestorage_section(clean_env, instance_dir):
    kind, storage = _storage(_render(instance_dir))
    var = instance_dir.resolve() / "var"
    assert kind == "blobstorage"
    assert storage.blob_dir == str(var / "blobstorage")
    assert storage.base.config.getSectionType() == "filestorage"
    assert storage.base.config.path == str(var / "filestorage" / "Data.fs")
    assert "%import" not in (instance_dir / "etc" / "zope.conf").read_text()


def test_zeo_client_section(clean_env, instance_dir, tmp_path):
    var = tmp_path / "var-1"
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_PORT", "8081")
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:8100")
    kind, storage = _storage(_render(instance_dir))
    var = var.resolve()
    assert kind == "clientstorage"
    [server] = storage.server
    assert server.address == ("127.0.0.1", 8100)
    assert storage.storage == "1"  # the name runzeo serves (instance/zeo.sh)
    assert storage.server_sync is True
    assert storage.shared_blob_dir is False  # blobs come over ZEO: a local cache
    assert storage.blob_dir == str(var / "blobcache")
    assert storage.cache_path == str(var / "zeocache" / "akte.zec")
    assert storage.cache_size == 256 * 1024 * 1024
    assert storage.blob_cache_size == 2 * 1024**3
    assert storage.client_label == "akte localhost:8081"
    # the caches exist, no FileStorage of its own
    assert (var / "zeocache").is_dir()
    assert (var / "blobcache").stat().st_mode & 0o777 == 0o700
    assert not (var / "filestorage").exists()
    assert not (var / "blobstorage").exists()
    # the rest of zope.conf is the same
    conf = _zope_conf(instance_dir / "etc")
    assert conf.clienthome == str(var)
    assert conf.environment["zope_i18n_compile_mo_files"] == "true"


def test_zeo_client_section_unix_socket(clean_env, instance_dir, tmp_path):
    socket_path = tmp_path / "zeo.sock"
    clean_env.setenv("AKTE_ZEO_ADDRESS", str(socket_path))
    kind, storage = _storage(_render(instance_dir))
    assert kind == "clientstorage"
    [server] = storage.server
    assert server.family == socket.AF_UNIX
    assert server.address == str(socket_path.resolve())


def test_relstorage_section(clean_env, instance_dir, tmp_path):
    var = tmp_path / "var-pg"
    # "$" would be a ZConfig substitution: it must arrive as it is
    dsn = "host=db.intern dbname=akte user=akte password=ge$heim$$1"
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_RELSTORAGE_DSN", dsn)
    kind, storage = _storage(_render(instance_dir))
    var = var.resolve()
    assert kind == "relstorage"
    assert storage.keep_history is False
    assert storage.shared_blob_dir is False
    # without a blob-dir every upload fails with NoBlobHelper
    assert storage.blob_dir == str(var / "blobcache")
    assert storage.blob_cache_size == 2 * 1024**3
    adapter = storage.adapter
    assert adapter.config.getSectionType() == "postgresql"
    assert adapter.config.dsn == dsn
    assert (var / "blobcache").is_dir()
    assert not (var / "filestorage").exists()


def test_etc_elsewhere_leaves_instance_etc_alone(clean_env, instance_dir, tmp_path):
    """Several instances from one checkout: each writes its own etc/."""
    clean_env.setenv("AKTE_ETC", str(tmp_path / "etc-2"))
    clean_env.setenv("AKTE_PORT", "8082")
    assert render.main([str(instance_dir)]) == 0
    etc = (tmp_path / "etc-2").resolve()
    assert not (instance_dir / "etc").exists()
    assert "listen = localhost:8082" in (etc / "zope.ini").read_text()
    assert _zope_conf(etc).instancehome == str(instance_dir.resolve())


def test_main_prints_the_etc_dir(clean_env, instance_dir, capsys):
    assert render.main([str(instance_dir)]) == 0
    assert capsys.readouterr().out == f"{(instance_dir / 'etc').resolve()}\n"


# --- the ZEO server: instance/zeo.sh ---------------------------------------------


def _zeo_options(path):
    """etc/zeo.conf as runzeo reads it."""
    from ZEO.runzeo import ZEOOptions

    options = ZEOOptions()
    options.realize(["-C", str(path)])
    return options


def test_zeo_server_conf(clean_env, instance_dir, tmp_path, capsys):
    var = tmp_path / "var"
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_ZEO_ADDRESS", "127.0.0.1:9100")
    assert render.main(["--zeo-server", str(instance_dir)]) == 0
    etc = instance_dir / "etc"
    assert capsys.readouterr().out == f"{etc.resolve()}\n"
    # only zeo.conf: the instance's files are left alone
    assert sorted(p.name for p in etc.iterdir()) == ["zeo.conf"]
    options = _zeo_options(etc / "zeo.conf")
    var = var.resolve()
    assert options.address == ("127.0.0.1", 9100)
    [storage] = options.storages
    assert storage.name == "1"
    # the one-process instance's data, as they are
    assert storage.config.path == str(var / "filestorage" / "Data.fs")
    assert storage.config.blob_dir == str(var / "blobstorage")
    assert options.pid_file == str(var / "zeo.pid")


def test_zeo_server_default_address(clean_env, instance_dir):
    render.render_zeo_server(Settings.from_env(instance_dir))
    options = _zeo_options(instance_dir / "etc" / "zeo.conf")
    assert options.address == ("127.0.0.1", 8100)


def _storage_factory(etc):
    """The storage of a rendered zope.conf, ready to open as Zope would."""
    return _zope_conf(etc).databases[0].config.storage


def test_zeo_sh_serves_the_one_process_data(clean_env, instance_dir, tmp_path):
    """Moving from one process to several: the existing Data.fs and blobs."""
    from ZODB import DB
    from ZODB.blob import Blob

    var = tmp_path / "var"
    clean_env.setenv("AKTE_VAR", str(var))
    # 1. the one-process instance's database writes an object and a blob
    clean_env.setenv("AKTE_ETC", str(tmp_path / "etc-single"))
    render.render(Settings.from_env(instance_dir))
    db = DB(_storage_factory(tmp_path / "etc-single").open())
    try:
        with db.transaction() as conn:
            conn.root()["akte"] = {"mandant": "Erika Mustermann"}
            conn.root()["datei"] = Blob(b"%PDF-1.4 vorher")
    finally:
        db.close()

    # 2. instance/zeo.sh on the same AKTE_VAR; a ZEO client reads and writes
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKTE_")}
    env.update(
        AKTE_VAR=str(var),
        AKTE_ETC=str(tmp_path / "etc-zeo"),
        AKTE_ZEO_ADDRESS=f"127.0.0.1:{port}",
    )
    log = tmp_path / "zeo.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(REPO / "instance" / "zeo.sh")],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, server)
        clean_env.setenv("AKTE_ETC", str(tmp_path / "etc-client"))
        clean_env.setenv("AKTE_VAR", str(tmp_path / "var-client"))
        clean_env.setenv("AKTE_ZEO_ADDRESS", f"127.0.0.1:{port}")
        render.render(Settings.from_env(instance_dir))
        db = DB(_storage_factory(tmp_path / "etc-client").open())
        try:
            with db.transaction() as conn:
                root = conn.root()
                assert root["akte"] == {"mandant": "Erika Mustermann"}
                with root["datei"].open() as blob:
                    assert blob.read() == b"%PDF-1.4 vorher"
                root["neu"] = Blob(b"%PDF-1.4 ueber ZEO")
        finally:
            db.close()
        # the blob came over ZEO into the client's cache, the server keeps it
        assert any((tmp_path / "var-client" / "blobcache").rglob("*.blob"))
        os.killpg(server.pid, signal.SIGTERM)
        assert server.wait(30) == 0, log.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(30)
    assert not (var / "zeo.pid").exists()  # runzeo stopped cleanly

    # 3. and the one-process instance again (back without ZEO): all is there
    clean_env.delenv("AKTE_ZEO_ADDRESS")
    clean_env.setenv("AKTE_VAR", str(var))
    clean_env.setenv("AKTE_ETC", str(tmp_path / "etc-single"))
    db = DB(_storage_factory(tmp_path / "etc-single").open())
    try:
        with db.transaction() as conn, conn.root()["neu"].open() as blob:
            assert blob.read() == b"%PDF-1.4 ueber ZEO"
    finally:
        db.close()
    assert "listening on" in log.read_text()
