"""A view's page template rendered in a language other than the page's.

``template(target_language="en")``: every ``i18n:translate`` of the template in that
language (Chameleon's ``target_language``), whatever the request negotiated. Used for
the letter with the activation code, which staff print in the client's language
from a page that stays in their own.
"""

from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class TranslatedTemplate(ViewPageTemplateFile):
    def pt_getContext(self, instance, request, **kw):
        namespace = super().pt_getContext(instance, request, **kw)
        language = (kw.get("options") or {}).get("target_language")
        if language:
            namespace["target_language"] = language
        return namespace
