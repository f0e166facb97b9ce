"""Onboarding pages: registration (public), staff access panel, code letter."""
