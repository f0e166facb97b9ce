"""Questionnaires (Fragebögen): collective.easyform forms inside a Mandat.

Staff add them from shipped templates (``@@fragebogen-hinzufuegen`` on a Mandat) or with
easyform's editor; the mandate's clients answer them once; the answers are stored in the
Mandat as Dokumente (readable HTML + raw JSON), see ``store.py``.
"""

from datetime import datetime
from plone import api


def open_questionnaires(mandat):
    """The questionnaires of a Mandat the current user may see (catalog, no wake-up).

    A list of dicts ``title``, ``url``, ``answered_at`` (``None`` while open),
    ``open`` (bool), ``state`` and ``uid``; open ones first, then by position.
    """
    brains = api.content.find(
        context=mandat,
        depth=1,
        portal_type="EasyForm",
        sort_on="getObjPositionInParent",
    )
    result = []
    for brain in brains:
        answered_at = getattr(brain, "questionnaire_answered_at", None)
        if not isinstance(answered_at, datetime):
            answered_at = None
        state = brain.review_state
        result.append(
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "answered_at": answered_at if state != "offen" else None,
                "open": state == "offen",
                "state": state,
                "uid": brain.UID,
            }
        )
    result.sort(key=lambda item: not item["open"])
    return result
