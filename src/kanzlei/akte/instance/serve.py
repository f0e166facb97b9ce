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


def main() -> int:
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return runwsgi(sys.argv) or 0


if __name__ == "__main__":
    sys.exit(main())
