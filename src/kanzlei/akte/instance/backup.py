"""Backup, restore and pack of the instance's database (``instance/backup.sh``).

Usage (``instance/backup.sh`` runs
``python -m kanzlei.akte.instance.backup INSTANCE_DIR COMMAND ...``)::

    instance/backup.sh backup  [BACKUP_DIR]
    instance/backup.sh restore [BACKUP_DIR] [--date DATE]
    instance/backup.sh pack    [--days N]

(``DATE``: UTC ``yyyy-mm-dd[-hh[-mm[-ss]]]``, the state at that moment.)

Which database is read from the same AKTE_* environment as the instance's
(``config.Settings``); ``BACKUP_DIR`` defaults to ``AKTE_BACKUP_DIR``.

FileStorage (one process, or the ZEO server's data): ``repozo`` (incremental; reads
``Data.fs`` up to its last complete transaction, so it is consistent while the server
runs), then the blob files that are not in the backup yet. A blob file is in place
before its transaction is in ``Data.fs`` and never changes afterwards, so every blob
the repozo backup refers to is copied. Not during a pack (it removes blob files).

RelStorage: ``pg_dump`` (one snapshot, blobs included: they live in PostgreSQL).

Restore writes into ``AKTE_VAR`` (FileStorage; it must hold no database yet) or into
the database of ``AKTE_RELSTORAGE_DSN`` (``pg_restore --clean``): then start the
instance as usual. Pack removes old object revisions: through the running instance
(FileStorage is locked while it runs), ``zeopack`` (ZEO) or ``zodbpack`` (RelStorage).
"""

from datetime import datetime
from datetime import UTC
from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings
from pathlib import Path

import argparse
import base64
import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request


BIN = Path(sys.executable).parent
BLOB_SUFFIX = ".blob"
# the storage of instance/templates/storage/relstorage.conf, for zodbpack
RELSTORAGE_SECTION = """<relstorage>
  keep-history false
  shared-blob-dir false
  blob-dir {blob_dir}
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
"""
ZODBPACK_CONF = "%import relstorage\n" + RELSTORAGE_SECTION


class BackupError(RuntimeError):
    """Something an administrator has to fix (printed without a traceback)."""


def say(line: str) -> None:
    print(f"[akte-backup] {line}", flush=True)


def run(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], check=False)
    if result.returncode:
        raise BackupError(
            f"{Path(str(command[0])).name}: Exit-Code {result.returncode}"
        )


def data_fs(settings: Settings) -> Path:
    return settings.var_dir / "filestorage" / "Data.fs"


def blob_dir(settings: Settings) -> Path:
    return settings.var_dir / "blobstorage"


def _local_filestorage(settings: Settings) -> Path:
    path = data_fs(settings)
    if settings.storage == "relstorage":
        raise BackupError("RelStorage: pg_dump statt repozo / uses pg_dump")
    if not path.exists():
        where = "des ZEO-Servers / of the ZEO server" if settings.zeo_address else ""
        raise BackupError(
            f"keine Datenbank in {path}: AKTE_VAR {where} setzen / no database there"
        )
    return path


def copy_new_blobs(source: Path, target: Path) -> int:
    """Copy blob files (and the layout marker) missing in ``target``; their count."""
    copied = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if relative.parts[0] == "tmp" or not path.is_file():
            continue
        if path.suffix != BLOB_SUFFIX and relative.name != ".layout":
            continue
        destination = target / relative
        if destination.exists() and destination.stat().st_size == path.stat().st_size:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        shutil.copy2(path, partial)
        partial.replace(destination)  # a backup holds whole files only
        copied += 1
    return copied


def backup(settings: Settings, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
    if settings.storage == "relstorage":
        dumps = target / "relstorage"
        dumps.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H-%M-%S")
        dump = dumps / f"{stamp}.dump"
        run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "-f",
            dump,
            settings.relstorage_dsn,
        )
        say(f"PostgreSQL gesichert / dumped: {dump}")
        return
    source = _local_filestorage(settings)
    repository = target / "filestorage"
    repository.mkdir(exist_ok=True)
    run(BIN / "repozo", "--backup", "--quick", "-r", repository, "-f", source)
    copied = copy_new_blobs(blob_dir(settings), target / "blobstorage")
    say(f"Data.fs gesichert (repozo), {copied} neue Dateien / new blob files: {target}")


def restore(settings: Settings, source: Path, date: str | None) -> None:
    if not source.is_dir():
        raise BackupError(f"keine Sicherung in / no backup in {source}")
    if settings.storage == "relstorage":
        dumps = sorted((source / "relstorage").glob("*.dump"))
        if date:
            dumps = [dump for dump in dumps if dump.stem <= date]
        if not dumps:
            raise BackupError(f"kein Dump in / no dump in {source / 'relstorage'}")
        run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            settings.relstorage_dsn,
            dumps[-1],
        )
        say(f"PostgreSQL wiederhergestellt aus / restored from {dumps[-1]}")
        return
    target = data_fs(settings)
    if target.exists():
        raise BackupError(
            f"{target} gibt es schon: in ein leeres AKTE_VAR wiederherstellen"
            " / exists already: restore into an empty AKTE_VAR"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [BIN / "repozo", "--recover", "-r", source / "filestorage", "-o", target]
    if date:
        command += ["--date", date]
    run(*command)
    blobs = blob_dir(settings)
    copy_new_blobs(source / "blobstorage", blobs)
    blobs.mkdir(exist_ok=True)
    blobs.chmod(0o700)
    say(f"wiederhergestellt / restored: {target}, {blobs}")


def _admin_password(settings: Settings) -> str:
    if settings.admin_password:
        return settings.admin_password
    if settings.admin_password_file.exists():
        return settings.admin_password_file.read_text().strip()
    raise BackupError("AKTE_ADMIN_PASSWORD fehlt / is missing")


def pack(settings: Settings, days: int) -> None:
    if settings.storage == "zeo":
        address = settings.zeo_address
        where = ["-u", address] if "/" in address else [address]
        run(BIN / "zeopack", "-d", str(days), *where)
    elif settings.storage == "relstorage":
        conf = settings.etc_dir / "zodbpack.conf"
        conf.parent.mkdir(parents=True, exist_ok=True)
        conf.touch(mode=0o600)  # holds the DSN (password)
        conf.write_text(
            ZODBPACK_CONF.format(
                blob_dir=settings.var_dir / "blobcache",
                dsn=settings.relstorage_dsn.replace("$", "$$"),
            )
        )
        run(BIN / "zodbpack", "--days", str(days), conf)
    else:
        _pack_through_the_instance(settings, days)
    say(f"gepackt / packed: Revisionen älter als {days} Tage entfernt")


def _pack_through_the_instance(settings: Settings, days: int) -> None:
    """FileStorage is locked while the server runs: ask the server to pack."""
    url = f"{settings.zope_url}/Control_Panel/Database/main/manage_pack"
    credentials = f"admin:{_admin_password(settings)}".encode()
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"days": str(days)}).encode(),
        headers={"Authorization": "Basic " + base64.b64encode(credentials).decode()},
        method="POST",
    )
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=3600) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        raise BackupError(
            f"Instanz nicht erreichbar / instance not reachable: {url} ({error})"
        ) from None
    if status not in (200, 302):
        raise BackupError(f"{url}: HTTP {status}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """manage_pack answers with a redirect to the ZMI: that is the success."""

    def redirect_request(self, *args, **kwargs):
        return None


@contextlib.contextmanager
def one_at_a_time(settings: Settings):
    """Backup, restore and pack never run at once (a pack removes blob files a
    backup may be copying): the second waits for the first."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.var_dir / "backup.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="instance/backup.sh")
    # the checkout's instance/ (backup.sh passes it): default AKTE_VAR and AKTE_ETC
    parser.add_argument("instance")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="Sicherung / back up")
    make.add_argument("target", nargs="?", default=os.environ.get("AKTE_BACKUP_DIR"))
    back = commands.add_parser("restore", help="Wiederherstellen / restore")
    back.add_argument("source", nargs="?", default=os.environ.get("AKTE_BACKUP_DIR"))
    back.add_argument("--date", help="UTC yyyy-mm-dd[-hh[-mm[-ss]]]")
    squeeze = commands.add_parser("pack", help="Packen / pack")
    squeeze.add_argument("--days", type=int, default=7)

    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(args.instance)
        where = getattr(args, "target", None) or getattr(args, "source", None)
        if args.command != "pack" and not where:
            raise BackupError("Verzeichnis fehlt (oder AKTE_BACKUP_DIR) / directory?")
        with one_at_a_time(settings):
            if args.command == "pack":
                pack(settings, args.days)
            elif args.command == "backup":
                backup(settings, Path(where).resolve())
            else:
                restore(settings, Path(where).resolve(), args.date)
    except (BackupError, ConfigError) as error:
        print(f"Fehler / error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
