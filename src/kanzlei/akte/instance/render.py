"""Write ``instance/etc/`` from ``instance/templates/`` and the AKTE_* environment.

Usage: ``python -m kanzlei.akte.instance.render INSTANCE_DIR [--zeo-server]``

Writes into ``etc/`` (``AKTE_ETC``, default ``instance/etc``) and prints that
directory. Besides zope.conf, zope.ini and site.zcml it writes ``etc/start.env``:
the few values ``instance/start.sh`` needs, as shell assignments, so that the
shell script does not repeat any default. The database section of zope.conf comes
from ``templates/storage/`` (FileStorage, ZEO client or RelStorage).

With ``--zeo-server`` (``instance/zeo.sh``) it writes only ``etc/zeo.conf`` for
``runzeo``, from ``templates/zeo/zeo.conf``: the ZEO server on the data of the
one-process instance (``AKTE_VAR``).
"""

from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings
from kanzlei.akte.instance.config import SINK_HOST
from kanzlei.akte.instance.production import check as check_production
from pathlib import Path

import re
import shlex
import sys


_PLACEHOLDER = re.compile(r"{{(\w+)}}")


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}``; an unknown name is an error, not an empty string."""

    def replace(match: re.Match) -> str:
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, template)


def _display(path: Path) -> str:
    """A path relative to the working directory where possible (for humans)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _zconfig_value(value: str) -> str:
    """A value for zope.conf taken literally: ZConfig expands ``$NAME``."""
    return value.replace("$", "$$")


def _data_folders(settings: Settings) -> tuple[str, ...]:
    if settings.storage == "filestorage":
        return ("filestorage", "blobstorage")
    if settings.storage == "zeo":
        return ("zeocache", "blobcache")
    return ("blobcache",)


def storage_section(settings: Settings) -> str:
    """The ``<zodb_db main>`` section (with its ``%import``) for zope.conf."""
    template = settings.instance_dir / "templates" / "storage"
    template = template / f"{settings.storage}.conf"
    return fill(
        template.read_text(),
        {
            "zeo_address": settings.zeo_address,
            "relstorage_dsn": _zconfig_value(settings.relstorage_dsn),
            "listen": settings.listen,
            "zodb_pool_size": str(settings.zodb_pool_size),
            "zodb_cache_size": str(settings.zodb_cache_size),
            "relstorage_cache_mb": str(settings.relstorage_cache_mb),
            "blob_cache_size": settings.blob_cache_size,
        },
    )


def render(settings: Settings) -> None:
    var = settings.var_dir
    for folder in (*_data_folders(settings), "cache", "log"):
        (var / folder).mkdir(parents=True, exist_ok=True)
    for folder in ("blobstorage", "blobcache"):
        if (var / folder).is_dir():
            (var / folder).chmod(0o700)  # ZODB warns about looser permissions
    if settings.mail_sink:
        for folder in ("cur", "new", "tmp"):
            (settings.mail_dir / folder).mkdir(parents=True, exist_ok=True)

    proxies = "".join(f"trusted-proxy {proxy}\n" for proxy in settings.trusted_proxies)
    values = {
        "instance_dir": str(settings.instance_dir),
        "var_dir": str(var),
        "debug": "on" if settings.debug else "off",
        "trusted_proxies": proxies,
        "listen": settings.listen,
        "threads": str(settings.threads),
        "connection_limit": str(settings.connection_limit),
        "channel_timeout": str(settings.channel_timeout),
        "conflict_retries": str(settings.conflict_retries),
        "site_id": settings.site_id,
        "storage": storage_section(settings),
    }
    templates = settings.instance_dir / "templates"
    etc = settings.etc_dir
    etc.mkdir(parents=True, exist_ok=True)
    for template in sorted(templates.glob("*.in")):
        target = etc / template.name.removesuffix(".in")
        target.write_text(fill(template.read_text(), values))

    start_env = {
        "AKTE_VAR_DIR": str(var),
        "AKTE_ZOPE_URL": settings.zope_url,
        "AKTE_SITE_URL": settings.site_url,
        "AKTE_LISTEN_HOST": settings.host,
        "AKTE_LISTEN_PORT": str(settings.port),
        "AKTE_MAIL_SINK": "1" if settings.mail_sink else "",
        "AKTE_SINK_LISTEN": f"{SINK_HOST}:{settings.smtp_port}",
        "AKTE_MAIL_DIR": _display(settings.mail_dir),
        "AKTE_ACCESS_FILE": str(settings.access_file),
    }
    lines = [f"{key}={shlex.quote(value)}" for key, value in start_env.items()]
    (etc / "start.env").write_text("\n".join(lines) + "\n")


def render_zeo_server(settings: Settings) -> Path:
    """``etc/zeo.conf`` for ``runzeo`` on the data in ``AKTE_VAR``; its path."""
    var = settings.var_dir
    for folder in ("filestorage", "blobstorage", "log"):
        (var / folder).mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").chmod(0o700)
    template = settings.instance_dir / "templates" / "zeo" / "zeo.conf"
    values = {"var_dir": str(var), "zeo_listen": settings.zeo_listen}
    settings.etc_dir.mkdir(parents=True, exist_ok=True)
    target = settings.etc_dir / "zeo.conf"
    target.write_text(fill(template.read_text(), values))
    return target


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    zeo_server = "--zeo-server" in argv
    argv = [arg for arg in argv if arg != "--zeo-server"]
    if len(argv) != 1:
        print(
            "usage: python -m kanzlei.akte.instance.render INSTANCE_DIR [--zeo-server]"
        )
        return 2
    try:
        settings = Settings.from_env(argv[0])
        if zeo_server:
            render_zeo_server(settings)
        else:
            check_production(settings)
            render(settings)
    except ConfigError as error:
        print(f"Konfigurationsfehler / configuration error: {error}", file=sys.stderr)
        return 1
    print(settings.etc_dir)  # for the shell scripts
    return 0


if __name__ == "__main__":
    sys.exit(main())
