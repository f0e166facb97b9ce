"""REST endpoints of the integration API (one folder per endpoint, see docs/api.md)."""
