"""``runwsgi`` that shuts down cleanly on SIGTERM as on Ctrl+C.

Usage: ``python -m kanzlei.akte.instance.serve instance/etc/zope.ini``

Plain ``runwsgi`` dies on SIGTERM (systemd, ``docker stop``, a script's trap)
without closing the database; and started in the background by a shell it
ignores SIGINT. Here both signals stop the server the way Ctrl+C does: Zope
closes the ZODB (writes the FileStorage index) and removes its pid file.

Before that it raises the soft limit of open files to what waitress'
``connection_limit`` needs (a shell's usual 1024 would end in "too many open
files" with as many connections, besides blobs and the database).
"""

from Zope2.Startup.serve import main as runwsgi

import configparser
import resource
import signal
import sys


# files besides the connections: database, blobs being read, logs, listen sockets
OTHER_FILES = 256


def _stop(signum, frame):
    """The first signal stops the server; later ones must not interrupt closing
    the database (Ctrl+C reaches the whole process group and start.sh's cleanup
    sends SIGTERM once more; systemd signals the whole control group)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def connection_limit(ini_path: str) -> int:
    """waitress' ``connection_limit`` in zope.ini (its default 100 if not set)."""
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ini_path)
    return ini.getint("server:main", "connection_limit", fallback=100)


def raise_open_files_limit(wanted: int) -> int:
    """Raise the soft RLIMIT_NOFILE to ``wanted`` (at most the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if len(sys.argv) > 1:
        raise_open_files_limit(connection_limit(sys.argv[1]) + OTHER_FILES)
    return runwsgi(sys.argv) or 0


if __name__ == "__main__":
    sys.exit(main())
