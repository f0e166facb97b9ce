"""The one place for files that come in (see policy.py, names.py, guard.py)."""
