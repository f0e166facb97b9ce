"""``runwsgi`` that shuts down cleanly on SIGTERM as on Ctrl+C.

Usage: ``python -m kanzlei.akte.instance.serve instance/etc/zope.ini``

Plain ``runwsgi`` dies on SIGTERM (systemd, ``docker stop``, a script's trap)
without closing the database; and started in the background by a shell it
ignores SIGINT. Here both signals stop the server the way Ctrl+C does: Zope
closes the ZODB (writes the FileStorage index) and removes its pid file.
"""

from Zope2.Startup.serve import main as runwsgi

import signal
import sys


def _stop(signum, frame):
    """The first signal stops the server; later ones must not interrupt closing
    the database (Ctrl+C reaches the whole process group and start.sh's cleanup
    sends SIGTERM once more; systemd signals the whole control group)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return runwsgi(sys.argv) or 0


if __name__ == "__main__":
    sys.exit(main())
