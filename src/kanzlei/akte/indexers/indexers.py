"""Catalog indexers: what listings and searches read without waking objects."""

from Acquisition import aq_chain
from kanzlei.akte.content.dokument import IDokument
from kanzlei.akte.content.mandant import IMandant
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.content.nachricht import INachricht
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID


def _join(*parts):
    return " ".join(p for p in parts if p)


def _enclosing(obj, iface):
    for item in aq_chain(obj):
        if iface.providedBy(item):
            return item
    return None


@indexer(IMandant)
def mandant_searchable_text(obj):
    return _join(obj.title, obj.client_number, obj.email, obj.city)


@indexer(IMandat)
def mandat_searchable_text(obj):
    return _join(obj.title, obj.file_number, obj.opposing_party)


@indexer(IDokument)
def dokument_searchable_text(obj):
    file = obj.file
    return _join(obj.Title(), file and file.filename)


@indexer(INachricht)
def nachricht_searchable_text(obj):
    return _join(obj.title, obj.text)


@indexer(IMandant)
def portal_users(obj):
    return list(obj.portal_users or ())


def _uid_of(obj, iface):
    container = _enclosing(obj, iface)
    return IUUID(container, None) if container is not None else None


@indexer(IDokument)
def mandat_uid_dokument(obj):
    return _uid_of(obj, IMandat)


@indexer(INachricht)
def mandat_uid(obj):
    return _uid_of(obj, IMandat)


@indexer(IMandat)
def mandant_uid_for_mandat(obj):
    return _uid_of(obj, IMandant)


@indexer(IDokument)
def mandant_uid_for_item(obj):
    return _uid_of(obj, IMandant)


@indexer(INachricht)
def mandant_uid_for_nachricht(obj):
    return _uid_of(obj, IMandant)


@indexer(IDokument)
def file_size(obj):
    return obj.file.getSize() if obj.file else 0


@indexer(IDokument)
def file_name(obj):
    return obj.file.filename if obj.file else ""


@indexer(IDokument)
def mime_type(obj):
    return obj.file.contentType if obj.file else ""
