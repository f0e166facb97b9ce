"""The rules for a Dokument, whoever stores it: our views, ``++add++Dokument`` and
its edit form, a REST ``POST``/``PATCH``, plone.restapi's TUS, ``@akte-dokument``,
questionnaires, scripts. Subscribers of IObjectAddedEvent/IObjectModifiedEvent:

- the file name is made safe (``names.sanitize_name``) before anyone reads it;
- size and (for clients) type are checked (``policy``); a refusal aborts the request
  with a German message: 400/413/415, JSON for the API;
- the file is scanned for viruses by clamd when ``AKTE_CLAMD`` is set (``scan``):
  infected 422, scanner unreachable 503 (fail closed);
- ``external_id`` (the law-office software's key) is set only by staff and
  integrations; ``added_by`` and, for clients, ``direction`` are set by the server
  (``content.dokument.on_added``), whatever the request said.
"""

from kanzlei.akte import _
from kanzlei.akte.errors.classify import refusal
from kanzlei.akte.uploads import policy
from kanzlei.akte.uploads import scan
from kanzlei.akte.uploads.interfaces import IGeneratedFile
from kanzlei.akte.uploads.names import sanitize_name
from zExceptions import Forbidden
from zope.lifecycleevent.interfaces import IObjectAddedEvent


def changed_attributes(event):
    names = set()
    for description in getattr(event, "descriptions", ()) or ():
        names.update(getattr(description, "attributes", ()) or ())
    return names


def check_file(doc, check_type):
    file = getattr(doc, "file", None)
    if file is None:
        return
    safe = sanitize_name(file.filename, fallback="dokument")
    if file.filename != safe:
        file.filename = safe
    policy.check(file.filename, file.getSize(), check_type=check_type)
    scan.check_blob(file, "/".join(doc.getPhysicalPath()))


EXTERNAL_ID_FIRM_ONLY = _(
    "upload_error_external_id",
    default="Die Dokument-ID der Kanzleisoftware vergibt nur die Kanzlei.",
)


def check_external_id(doc, trusted):
    if trusted or not getattr(doc, "external_id", None):
        return
    raise refusal(Forbidden, EXTERNAL_ID_FIRM_ONLY)


def guard_dokument(doc, event):
    added = IObjectAddedEvent.providedBy(event)
    changed = set() if added else changed_attributes(event)
    trusted = policy.trusted_uploader(doc)
    if added or "file" in changed:
        check_file(doc, check_type=not (trusted or IGeneratedFile.providedBy(doc)))
    # a modified event without descriptions may have changed anything
    if added or not changed or "external_id" in changed:
        check_external_id(doc, trusted)
