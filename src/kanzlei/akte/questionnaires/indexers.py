"""Catalog metadata of questionnaires: when they were answered."""

from collective.easyform.interfaces import IEasyForm
from kanzlei.akte.questionnaires.store import ANSWERED_AT
from plone.indexer import indexer


@indexer(IEasyForm)
def questionnaire_answered_at(obj):
    return getattr(obj, ANSWERED_AT, None)
