"""Run before the server starts (see instance/start.sh):

    .venv/bin/zconsole run instance/etc/zope.conf instance/setup_site.py

Creates the firm's site on first start, keeps it afterwards, applies the admin
password and the mail settings. ``app`` (the Zope root) is given by zconsole.
"""

from kanzlei.akte.instance.bootstrap import main

import Zope2


try:
    main(app)  # noqa: F821
finally:
    # close the database cleanly (writes the FileStorage index)
    for db in Zope2.opened:
        db.close()
