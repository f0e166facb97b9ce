"""What the site answers to, read from the registered zope components (no hand list).

- REST services: plone.rest registers each service as a named adapter
  ``(context interface, layer) -> Interface`` whose factory is a ``plone.rest`` Service
  and whose name is ``<METHOD>_<type>_<subtype>_<service name>``;
- browser views: named multi-adapters ``(context interface, browser layer)`` that are no
  service;
- vocabularies: every registered ``IVocabularyFactory``.
A new endpoint, view or vocabulary is therefore in the matrix without anyone adding it.
"""

from plone.browserlayer.utils import registered_layers
from plone.rest.interfaces import IService
from zope.component import getGlobalSiteManager
from zope.component import getUtilitiesFor
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.interfaces import IVocabularyFactory


REST_GET = "GET_application_json_"
# Views that end the asker's own session or need a form POST to do anything.
NOT_PROBED = ("logout", "@@logout")


def active_layers():
    return [IDefaultBrowserLayer, IBrowserRequest, *registered_layers()]


def registries(registry=None):
    """The registry and all its bases (test layers stack registries on each other)."""
    registry = registry or getGlobalSiteManager()
    seen = [registry]
    for base in registry.__bases__:
        seen += [r for r in registries(base) if r not in seen]
    return seen


def registrations():
    for registry in registries():
        yield from registry.registeredAdapters()


def named_request_adapters():
    """``(name, context interface, factory)`` of the views and services of the site."""
    layers = active_layers()
    for reg in registrations():
        if len(reg.required) != 2 or not reg.name:
            continue
        context, layer = reg.required
        if layer is None or not layer.isOrExtends(IBrowserRequest):
            continue
        if not any(active.isOrExtends(layer) for active in layers):
            continue
        yield reg.name, context, reg.factory


def is_service(factory):
    return isinstance(factory, type) and IService.implementedBy(factory)


def rest_get_services():
    """``{service name: [context interfaces]}``; ``""`` is the content's own GET."""
    services = {}
    for name, context, factory in named_request_adapters():
        if name.startswith(REST_GET) and is_service(factory):
            services.setdefault(name[len(REST_GET) :], []).append(context)
    return services


def browser_views():
    """``{view name: [context interfaces]}`` of every view that is no REST service."""
    views = {}
    for name, context, factory in named_request_adapters():
        if is_service(factory) or name.split("_")[0].isupper() or name in NOT_PROBED:
            continue
        if "logout" in name:
            continue
        views.setdefault(name, []).append(context)
    return views


def applicable(registry, obj):
    """The names in ``registry`` (``{name: [interfaces]}``) that ``obj`` answers to."""
    return sorted(
        name
        for name, contexts in registry.items()
        if any(c is None or c.providedBy(obj) for c in contexts)
    )


def vocabulary_names():
    return sorted(name for name, _factory in getUtilitiesFor(IVocabularyFactory))
