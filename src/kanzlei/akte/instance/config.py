"""The instance's configuration: AKTE_* environment variables, read in one place.

Local start (``make start``) and production read the same variables; see the
section "Konfiguration / Configuration" of the README for the list.
"""

from dataclasses import dataclass
from pathlib import Path

import os
import re


SINK_HOST = "127.0.0.1"
SINK_PORT = 8025
SITE_LANGUAGE = "de"
SITE_TIMEZONE = "Europe/Berlin"
# where instance/zeo.sh listens without AKTE_ZEO_ADDRESS
ZEO_DEFAULT_ADDRESS = "127.0.0.1:8100"
# waitress: open connections it serves at once (its own default of 100 let 110 idle
# TCP connections make the portal unreachable), and after how many seconds without
# traffic it closes one (its default 120 kept them that long)
CONNECTION_LIMIT = 1000
CHANNEL_TIMEOUT = 60
# Zope retries a request that lost a ConflictError this many times (Zope: 3, too few
# for many uploads into one mandate at once)
CONFLICT_RETRIES = 6
# The database caches (README "Skalierung"): objects kept per ZODB connection (one per
# worker thread), RelStorage's pickle cache shared by the connections of a process (MB;
# RelStorage itself: 10), and the local copies of files (ZEO and RelStorage).
ZODB_CACHE_SIZE = 30000
RELSTORAGE_CACHE_MB = 100
BLOB_CACHE_SIZE = "2GB"
_BYTE_SIZE = re.compile(r"[1-9][0-9]*(KB|MB|GB|TB)?", re.IGNORECASE)

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein", ""}
# ASCII only, not starting with "_" (Zope refuses such ids only after the setup ran)
_SITE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class ConfigError(ValueError):
    """An AKTE_* variable has a value we cannot use."""


def _str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip() or default


def _int(name: str, default: int) -> int:
    value = _str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r}: eine Zahl erwartet") from None


def _positive(name: str, default: int) -> int:
    number = _int(name, default)
    if number < 1:
        raise ConfigError(f"{name}={number}: eine Zahl ab 1 erwartet")
    return number


def _port(name: str, default: int) -> int:
    port = _int(name, default)
    if not 0 < port < 65536:
        raise ConfigError(f"{name}={port}: ein Port von 1 bis 65535 erwartet")
    return port


def _address(name: str) -> str:
    """host:port ([v6]:port) or the path of a unix socket (made absolute)."""
    value = _str(name)
    if not value:
        return ""
    if "/" in value:
        return str(Path(value).resolve())
    host, sep, port = value.rpartition(":")
    if not (sep and host and port.isdigit() and 0 < int(port) < 65536):
        raise ConfigError(
            f"{name}={value!r}: host:port (z. B. 127.0.0.1:8100)"
            " oder der Pfad eines Unix-Sockets erwartet"
        )
    return value


def clamd_address() -> str:
    """``AKTE_CLAMD``: where ClamAV's clamd listens (unix socket path or host:port);
    "" = uploads are not scanned. Read by the running process on every scan
    (``kanzlei.akte.uploads.scan``) and checked once at start."""
    return _address("AKTE_CLAMD")


def _byte_size(name: str, default: str) -> str:
    """A size as ZConfig reads it: 500MB, 2GB (no unit: bytes)."""
    value = _str(name, default).replace(" ", "")
    if not _BYTE_SIZE.fullmatch(value):
        raise ConfigError(f"{name}={value!r}: eine Größe wie 500MB oder 2GB erwartet")
    return value.upper()


def _dsn(name: str) -> str:
    value = _str(name)
    if "\n" in value or "\r" in value:
        raise ConfigError(f"{name}: die DSN muss in einer Zeile stehen")
    return value


def _mode(name: str) -> bool:
    """``AKTE_MODE``: ``production`` (Betrieb) or ``development`` (default)."""
    value = _str(name, "development").lower()
    if value not in ("production", "development"):
        raise ConfigError(f"{name}={value!r}: production oder development erwartet")
    return value == "production"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r}: 1 oder 0 erwartet")


@dataclass(frozen=True)
class Settings:
    instance_dir: Path
    var_dir: Path
    host: str
    port: int
    threads: int
    connection_limit: int
    channel_timeout: int
    conflict_retries: int
    debug: bool
    trusted_proxies: tuple[str, ...]
    site_id: str
    site_title: str
    admin_password: str
    demo: bool
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    secure_cookies: bool
    mail_from: str
    mail_from_name: str
    etc_dir: Path
    zeo_address: str
    relstorage_dsn: str
    zodb_pool_size: int
    zodb_cache_size: int
    relstorage_cache_mb: int
    blob_cache_size: str
    clamd: str
    production: bool
    public_url: str

    @classmethod
    def from_env(cls, instance_dir: Path | str) -> "Settings":
        instance_dir = Path(instance_dir).resolve()
        var_dir = Path(_str("AKTE_VAR") or instance_dir / "var").resolve()
        smtp_host = _str("AKTE_SMTP_HOST")
        zeo_address = _address("AKTE_ZEO_ADDRESS")
        relstorage_dsn = _dsn("AKTE_RELSTORAGE_DSN")
        if zeo_address and relstorage_dsn:
            raise ConfigError(
                "AKTE_ZEO_ADDRESS und AKTE_RELSTORAGE_DSN sind beide gesetzt:"
                " nur eine Datenbank / set only one of them"
            )
        production = _mode("AKTE_MODE")
        threads = _positive("AKTE_THREADS", 4)
        settings = cls(
            instance_dir=instance_dir,
            var_dir=var_dir,
            host=_str("AKTE_HOST", "localhost"),
            port=_port("AKTE_PORT", 8080),
            threads=threads,
            connection_limit=_positive("AKTE_CONNECTION_LIMIT", CONNECTION_LIMIT),
            channel_timeout=_positive("AKTE_CHANNEL_TIMEOUT", CHANNEL_TIMEOUT),
            conflict_retries=_positive("AKTE_CONFLICT_RETRIES", CONFLICT_RETRIES),
            debug=_bool("AKTE_DEBUG", False),
            trusted_proxies=tuple(_str("AKTE_TRUSTED_PROXIES").split()),
            site_id=_str("AKTE_SITE_ID", "kanzlei"),
            site_title=_str("AKTE_SITE_TITLE", "Online-Akte"),
            admin_password=os.environ.get("AKTE_ADMIN_PASSWORD", ""),
            # production: no demo content and HTTPS-only cookies unless said otherwise
            # (and then production.check refuses to start)
            demo=_bool("AKTE_DEMO", not production),
            smtp_host=smtp_host,
            smtp_port=_port("AKTE_SMTP_PORT", 25 if smtp_host else SINK_PORT),
            smtp_user=_str("AKTE_SMTP_USER"),
            smtp_password=os.environ.get("AKTE_SMTP_PASSWORD", ""),
            smtp_starttls=_bool("AKTE_SMTP_STARTTLS", False),
            secure_cookies=_bool("AKTE_SECURE_COOKIES", production),
            mail_from=_str("AKTE_MAIL_FROM"),
            mail_from_name=_str("AKTE_MAIL_FROM_NAME"),
            etc_dir=Path(_str("AKTE_ETC") or instance_dir / "etc").resolve(),
            zeo_address=zeo_address,
            relstorage_dsn=relstorage_dsn,
            # one connection per worker thread and one for the notification clock
            zodb_pool_size=_positive("AKTE_ZODB_POOL_SIZE", threads + 1),
            zodb_cache_size=_positive("AKTE_ZODB_CACHE_SIZE", ZODB_CACHE_SIZE),
            relstorage_cache_mb=_positive(
                "AKTE_RELSTORAGE_CACHE_MB", RELSTORAGE_CACHE_MB
            ),
            blob_cache_size=_byte_size("AKTE_BLOB_CACHE_SIZE", BLOB_CACHE_SIZE),
            clamd=clamd_address(),
            production=production,
            public_url=_str("AKTE_PUBLIC_URL").rstrip("/"),
        )
        if not _SITE_ID.fullmatch(settings.site_id):
            raise ConfigError(f"AKTE_SITE_ID={settings.site_id!r}: nur a-z, 0-9, - _")
        return settings

    @property
    def storage(self) -> str:
        """The database: ``filestorage`` (one process), ``zeo`` or ``relstorage``."""
        if self.zeo_address:
            return "zeo"
        if self.relstorage_dsn:
            return "relstorage"
        return "filestorage"

    @property
    def shared_storage(self) -> bool:
        """Several instances may use the database at the same time."""
        return self.storage != "filestorage"

    @property
    def zeo_listen(self) -> str:
        """Where instance/zeo.sh's server listens."""
        return self.zeo_address or ZEO_DEFAULT_ADDRESS

    @property
    def mail_sink(self) -> bool:
        """No SMTP server configured: mail goes to the local sink (Maildir)."""
        return not self.smtp_host

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    @property
    def admin_password_file(self) -> Path:
        return self.var_dir / "admin-password"

    @property
    def access_file(self) -> Path:
        """Login data printed on every start (written by ``bootstrap``)."""
        return self.var_dir / "zugang.txt"

    @property
    def listen(self) -> str:
        """waitress' ``listen``: host:port, an IPv6 address in brackets."""
        host = self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"{host}:{self.port}"

    @property
    def zope_url(self) -> str:
        host = self.host
        if host in ("", "0.0.0.0", "::", "[::]", "*"):
            host = "localhost"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def site_url(self) -> str:
        return f"{self.zope_url}/{self.site_id}"
