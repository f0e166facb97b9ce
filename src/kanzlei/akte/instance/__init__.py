"""Running the Online-Akte as a Zope instance (``make start``, production).

``config`` reads the AKTE_* environment (the one place for configuration),
``render`` writes ``instance/etc/`` from it, ``bootstrap`` runs inside
``zconsole`` before the server starts (site, admin, mail), ``wsgi`` holds the
WSGI filter that leads a visitor of the Zope root to the firm's site.
"""
