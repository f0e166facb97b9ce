"""Vocabularies: document categories (editable by the firm) and staff members."""

from kanzlei.akte import settings
from kanzlei.akte.setuphandlers.install import STAFF_GROUP
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _terms(pairs):
    seen = set()
    terms = []
    for value, title in pairs:
        if value and value not in seen:
            seen.add(value)
            terms.append(SimpleTerm(value, value.encode("utf-8").hex(), title))
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def categories(context):
    return _terms((c, c) for c in settings.get("categories") or [])


@provider(IVocabularyFactory)
def staff(context):
    group = api.group.get(groupname=STAFF_GROUP)
    if group is None:
        return SimpleVocabulary([])
    members = api.user.get_users(group=group)
    pairs = sorted(
        ((m.getId(), m.getProperty("fullname") or m.getId()) for m in members),
        key=lambda pair: pair[1].lower(),
    )
    return _terms(pairs)
