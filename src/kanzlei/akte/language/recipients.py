"""The language of a recipient: of a mail, a letter, a notification.

- an account: its member property ``language`` (the language switch sets it);
- an invitation (no account yet): its ``language``, from the "Korrespondenzsprache"
  of the Mandant or Kontaktperson when it was made;
- the firm's own staff: the site's language (``plone.default_language``, German).

Dates read as in the language: "4. Dezember 2026", "4 December 2026".
"""

from plone import api
from zope.i18n.locales import locales
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


LANGUAGES = ("de", "en")
DEFAULT = "de"
# the names of the languages in their own language, as in the header's switch
NAMES = {"de": "Deutsch", "en": "English"}
# the locale of the dates: British English ("4 December 2026"), not the US form
LOCALES = {"de": ("de", None), "en": ("en", "GB")}

VOCABULARY = SimpleVocabulary(
    [SimpleTerm(code, code, NAMES[code]) for code in LANGUAGES]
)


def known(language):
    """``language`` ("en", "en-gb", "de_DE") as one of ours, else ""."""
    code = (language or "")[:2].lower() if isinstance(language, str) else ""
    return code if code in LANGUAGES else ""


def site_language():
    """The firm's language: the site's default language, else German."""
    language = api.portal.get_registry_record("plone.default_language", default="")
    return known(language) or DEFAULT


def of_user(userid, fallback=None):
    """The language an account chose; else ``fallback``, else the site's."""
    user = api.user.get(userid=userid) if userid else None
    stored = user.getProperty("language", "") if user is not None else ""
    return known(stored) or known(fallback) or site_language()


def of_target(target):
    """The "Korrespondenzsprache" of a Mandant or Kontaktperson (a contact person
    without one of its own: the Mandant's)."""
    chosen = known(getattr(target, "correspondence_language", None))
    if chosen or target.portal_type == "Mandant":
        return chosen or site_language()
    parent = getattr(target, "__parent__", None)
    chosen = known(getattr(parent, "correspondence_language", None))
    return chosen or site_language()


def of_invitation(invitation):
    return known(getattr(invitation, "language", None)) or site_language()


def format_date(value, language):
    """A date (or datetime) as in letters: "4. Dezember 2026" / "4 December 2026"."""
    if not value:
        return ""
    locale = locales.getLocale(*LOCALES[known(language) or DEFAULT])
    return locale.dates.getFormatter("date", "long").format(value)
