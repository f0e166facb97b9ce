"""Deutsch | English: the client's language, switched in the header and kept in the
account (member property ``language``), carried by Plone's ``I18N_LANGUAGE`` cookie."""
