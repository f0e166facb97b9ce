"""Write ``instance/etc/`` from ``instance/templates/`` and the AKTE_* environment.

Usage: ``python -m kanzlei.akte.instance.render INSTANCE_DIR``

Besides zope.conf, zope.ini and site.zcml it writes ``etc/start.env``: the few
values ``instance/start.sh`` needs, as shell assignments, so that the shell
script does not repeat any default.
"""

from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings
from kanzlei.akte.instance.config import SINK_HOST
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


def render(settings: Settings) -> None:
    var = settings.var_dir
    for folder in ("filestorage", "blobstorage", "cache", "log"):
        (var / folder).mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").chmod(0o700)  # ZODB warns about looser permissions
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
        "site_id": settings.site_id,
    }
    templates = settings.instance_dir / "templates"
    etc = settings.instance_dir / "etc"
    etc.mkdir(exist_ok=True)
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m kanzlei.akte.instance.render INSTANCE_DIR")
        return 2
    try:
        render(Settings.from_env(argv[0]))
    except ConfigError as error:
        print(f"Konfigurationsfehler / configuration error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
