"""The audit log ("Protokoll"): who did what, when, from where, to which object.

Stored in SQL, outside the ZODB (``store``): appending never causes a ZODB conflict and
reading the last entries of a mandate stays as fast at a million entries as at ten
thousand. ``record.record`` is the one way in.
"""
