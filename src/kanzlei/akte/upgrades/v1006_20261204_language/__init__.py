"""Issue 16: clients switch between Deutsch and English in the header; Plone's cookie
negotiation (``plone.use_cookie_negotiation``, cookie ``I18N_LANGUAGE``) is switched
on so the choice beats the browser's Accept-Language."""

from plone import api


def upgrade(setup_tool):
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
