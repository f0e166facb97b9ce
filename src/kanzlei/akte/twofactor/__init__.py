"""Two-factor login (issue 12, section 2): TOTP (RFC 6238) with recovery codes.

- ``store.py``: the per-user secret and recovery-code hashes, on our PAS plugin;
- ``totp.py``: codes, secrets, recovery codes, the QR code (inline SVG);
- ``pending.py``: the signed, short-lived "password was right" state between the
  two steps of a login;
- ``login.py``: the second step (browser page and the shared completion);
- ``setup.py``: "Anmeldung absichern" (set up, show recovery codes, switch off);
- ``enforce.py``: staff without a second factor, when the firm requires one;
- ``staff.py``: staff reset a client's second factor;
- ``events.py``: what happened, for the audit log.

The gate itself is in ``pas/plugin.py``: a correct password of a user with a second
factor never authenticates a request (login form, ``@login``, HTTP Basic auth).
"""
