"""Plone views that answered a 500 to requests anyone can send (the isolation matrix
found them): they answer 404 or 400 with a German message instead.

- ``<content>/@@babel_utils`` (plone.app.multilingual) on content that is not
  translatable, and ``<content>/@@+`` (Zope's add view, no page of its own): 404.
- ``@@getVocabulary?name=…Catalog&query=<no JSON>`` and ``@vocabularies/<name>`` for a
  vocabulary that needs another context (``plone.app.content.ValidAddableTypes``):
  400, the request is wrong, not the server.
"""

from kanzlei.akte import _
from kanzlei.akte.errors.classify import BY_STATUS
from kanzlei.akte.errors.classify import refusal
from plone.app.content.browser.vocabulary import VocabularyView
from plone.app.multilingual.browser.utils import BabelUtils
from plone.restapi.services.vocabularies.get import VocabulariesGet
from Products.Five import BrowserView
from zExceptions import BadRequest
from zExceptions import NotFound


NO_SUCH_PAGE = BY_STATUS[404]
VOCABULARY_QUERY = _(
    "error_vocabulary_query",
    default="Diese Liste kann mit dieser Anfrage hier nicht abgerufen werden.",
)


class TranslatableOnlyBabelUtils(BabelUtils):
    def __init__(self, context, request):
        try:
            super().__init__(context, request)
        except TypeError:  # "Could not adapt …, ITranslationManager"
            raise refusal(NotFound, NO_SUCH_PAGE) from None


class NoAddingPage(BrowserView):
    """``@@+``: Zope's add view for the ZMI, without a page of its own on content."""

    def __call__(self):
        raise refusal(NotFound, NO_SUCH_PAGE)


class CheckedVocabularyView(VocabularyView):
    def get_vocabulary(self):
        try:
            return super().get_vocabulary()
        except (TypeError, AttributeError, KeyError):
            raise refusal(BadRequest, VOCABULARY_QUERY) from None


class CheckedVocabulariesGet(VocabulariesGet):
    def reply(self):
        try:
            return super().reply()
        except (TypeError, AttributeError, KeyError):
            raise refusal(BadRequest, VOCABULARY_QUERY) from None
