"""Errors: a 4xx with a German message for what a client or integrator caused, a
German page (JSON for the API) without traceback for everything (see views.py)."""
