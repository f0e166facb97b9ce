"""One beat of the notification clock from cron or a systemd timer.

    zconsole run instance/etc/zope.conf \
        $(python -c 'import kanzlei.akte.mail.zconsole_tick as m; print(m.__file__)')

Needs the database to itself (FileStorage) or a ZEO/RelStorage setup; with a single
FileStorage instance running, POST to ``@@akte-benachrichtigungen-senden`` instead.
Exit code 0 if every site ran; the counts are printed.
"""

from kanzlei.akte.mail import tick

import sys


def main(app):
    results = tick.run(app, with_maintenance=True)
    for path, counts in results.items():
        print(
            f"{path}: gesendet {counts['sent']}, fehlgeschlagen {counts['failed']}, "
            f"verworfen {counts['dropped']}"
        )
    return 0


if __name__ == "__main__" and "app" in globals():
    sys.exit(main(globals()["app"]))
