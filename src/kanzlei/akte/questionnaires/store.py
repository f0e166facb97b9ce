"""Store a questionnaire's answers in its Mandat: readable HTML and PDF, raw JSON.

All are ``Dokument``s created as the submitting client (normal add events, direction
``mandant``): the HTML one (``IFragebogenAntworten``) is released to the client like an
upload and tells the responsible lawyer; the PDF (``IFragebogenPdf``, with the firm's
letterhead) is released too and tells nobody; the JSON one (``IFragebogenRohdaten``) is
moved to ``intern`` at once, for staff and the firm's software only.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.easyform.api import get_schema
from collective.easyform.config import FORM_ERROR_MARKER
from collective.easyform.interfaces import ILabel
from datetime import date
from datetime import datetime
from decimal import Decimal
from html import escape
from kanzlei.akte import _
from kanzlei.akte import settings
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.content.dokument import FROM_CLIENT
from kanzlei.akte.content.dokument import is_client_user
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.questionnaires import pdf
from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
from kanzlei.akte.questionnaires.interfaces import IFragebogenPdf
from kanzlei.akte.questionnaires.interfaces import IFragebogenRohdaten
from kanzlei.akte.uploads import policy
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.interfaces import INamed
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema import getFieldsInOrder

import json


STATE_OPEN = "offen"
STATE_ANSWERED = "beantwortet"
ANSWERED_AT = "questionnaire_answered_at"
ANSWERS_UID = "questionnaire_answers_uid"
DATA_UID = "questionnaire_data_uid"
PDF_UID = "questionnaire_pdf_uid"


def mandat_of(form):
    parent = aq_parent(aq_inner(form))
    return parent if IMandat.providedBy(parent) else None


def refusal(form, request):
    """Why this user may not submit this questionnaire now (a message), or None."""
    mandat = mandat_of(form)
    if mandat is None:
        return None
    if not is_client_user(form):
        return _(
            "questionnaire_error_staff_preview",
            default="Vorschau: Nur Mandanten können diesen Fragebogen absenden.",
        )
    if api.content.get_state(form) != STATE_OPEN:
        return _(
            "questionnaire_error_answered",
            default="Dieser Fragebogen wurde bereits beantwortet. Wenn Sie etwas "
            "ergänzen möchten, schreiben Sie der Kanzlei bitte eine Nachricht.",
        )
    if api.content.get_state(mandat) != "offen":
        return _(
            "questionnaire_error_mandate_closed",
            default="Dieses Mandat ist abgeschlossen; der Fragebogen kann nicht mehr "
            "abgesendet werden.",
        )
    return None


def _display(value, request):
    if value is None or value == "" or value == set() or value == []:
        return "—"
    if isinstance(value, bool):
        msg = (
            _("questionnaire_yes", default="ja")
            if value
            else _("questionnaire_no", default="nein")
        )
        return translate(msg, context=request)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(str(v) for v in value))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, RichTextValue):
        return value.raw
    if INamed.providedBy(value):
        return value.filename or ""
    return str(value)


def _raw(value, uploads=None):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(_raw(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_raw(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, RichTextValue):
        return value.raw
    if INamed.providedBy(value):
        return {
            "filename": value.filename,
            "size": value.getSize(),
            "dokument_uid": (uploads or {}).get(id(value)),
        }
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def answer_rows(form, data):
    """(name, question, value) for every answerable field, in form order."""
    rows = []
    for name, field in getFieldsInOrder(get_schema(form)):
        if ILabel.providedBy(field) or name not in data:
            continue
        rows.append((name, str(field.title), data[name]))
    return rows


def render_json(form, mandat, rows, submitted_at, userid, uploads=None):
    payload = {
        "questionnaire": {
            "title": form.Title(),
            "uid": api.content.get_uuid(form),
            "url": form.absolute_url(),
            "template": getattr(form, "questionnaire_template", None),
        },
        "mandat": {
            "uid": api.content.get_uuid(mandat),
            "file_number": mandat.file_number,
        },
        "submitted_at": submitted_at.isoformat(),
        "submitted_by": userid,
        "answers": {name: _raw(value, uploads) for name, _title, value in rows},
        "questions": [
            {"name": name, "question": title, "answer": _raw(value, uploads)}
            for name, title, value in rows
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


HTML_STYLE = """
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4em .6em;
         border-bottom: 1px solid #ccc; }
th { width: 40%; font-weight: 600; }
td { white-space: pre-wrap; }
"""


def _t(msgid, default, request, mapping=None):
    return translate(_(msgid, default=default, mapping=mapping), context=request)


def meta_rows(mandat, submitted_at, user, request):
    """(label, text) of the head of the answers: firm, mandate, client, date, person."""
    fullname = user.getProperty("fullname", "") or user.getId()
    mandant = aq_parent(aq_inner(mandat))
    return [
        (_t("questionnaire_html_firm", "Kanzlei", request), branding.get("firm_name")),
        (
            _t("questionnaire_html_file_number", "Aktenzeichen", request),
            mandat.file_number or "",
        ),
        (_t("questionnaire_html_mandate", "Mandat", request), mandat.Title()),
        (_t("questionnaire_html_client", "Mandant", request), mandant.Title()),
        (
            _t("questionnaire_html_answered_at", "Beantwortet am", request),
            submitted_at.strftime("%d.%m.%Y, %H:%M"),
        ),
        (_t("questionnaire_html_answered_by", "Beantwortet von", request), fullname),
    ]


def render_html(form, mandat, rows, submitted_at, user, request):
    meta = meta_rows(mandat, submitted_at, user, request)
    title = escape(form.Title())
    heading = escape(_t("questionnaire_html_heading", "Fragebogen", request))
    answers = escape(_t("questionnaire_html_answers", "Antworten", request))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{HTML_STYLE}</style></head><body>",
        f"<h1>{heading}: {title}</h1>",
        "<table>",
    ]
    parts += [
        f"<tr><th>{escape(k)}</th><td>{escape(str(v or ''))}</td></tr>" for k, v in meta
    ]
    parts += ["</table>", f"<h2>{answers}</h2>"]
    parts.append("<table>")
    for _name, question, value in rows:
        parts.append(
            f"<tr><th>{escape(question)}</th>"
            f"<td>{escape(_display(value, request))}</td></tr>"
        )
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts).encode("utf-8")


def render_pdf(form, mandat, rows, submitted_at, user, request):
    address = (branding.get("firm_address") or "").splitlines()
    return pdf.render(
        title=form.Title(),
        heading=_t("questionnaire_html_heading", "Fragebogen", request)
        + ": "
        + form.Title(),
        meta=[
            (k, str(v or "")) for k, v in meta_rows(mandat, submitted_at, user, request)
        ],
        answers_heading=_t("questionnaire_html_answers", "Antworten", request),
        answers=[(q, _display(value, request)) for _name, q, value in rows],
        letterhead=(
            branding.get("firm_name") or "",
            [line.strip() for line in address if line.strip()],
        ),
        page_label=_t(
            "questionnaire_pdf_page",
            "Seite ${page} von ${pages}",
            request,
        ),
    )


def _category():
    categories = settings.get("categories") or []
    for wanted in ("Fragebogen", "Sonstiges"):
        if wanted in categories:
            return wanted
    return None


def upload_problems(rows, request):
    """Files the client attached that the firm does not accept: {field: message}
    (the portal's one upload policy, ``kanzlei.akte.uploads``)."""
    errors = {}
    for name, _question, value in rows:
        if not INamed.providedBy(value) or not value.getSize():
            continue
        refused = policy.problem(value.filename or "", value.getSize())
        if refused is not None:
            errors[name] = translate(refused.msgid, context=request)
    return errors


def _add_dokument(mandat, title, data, filename, content_type, marker=None):
    obj = createContent(
        "Dokument",
        title=title,
        file=NamedBlobFile(data=data, filename=filename, contentType=content_type),
        category=_category(),
        direction=FROM_CLIENT,
    )
    if marker is not None:
        alsoProvides(obj, marker)
    return addContentToContainer(mandat, obj, checkConstraints=True)


def store_answers(form, data, request):
    """easyform action: returns an error dict (the form shows it) or None."""
    mandat = mandat_of(form)
    if mandat is None:
        # Outside a mandate there is nowhere to store the answers: store nothing.
        return {
            FORM_ERROR_MARKER: translate(
                _(
                    "questionnaire_error_no_mandate",
                    default="Dieser Fragebogen liegt in keinem Mandat.",
                ),
                context=request,
            )
        }
    message = refusal(form, request)
    if message is not None:
        return {FORM_ERROR_MARKER: translate(message, context=request)}

    user = api.user.get_current()
    now = datetime.now().astimezone()
    rows = answer_rows(form, data)
    errors = upload_problems(rows, request)
    if errors:
        return errors
    stamp = now.strftime("%Y-%m-%d-%H%M")
    day = now.strftime("%d.%m.%Y")
    form_title = form.Title()
    # Files attached to answers become Dokumente of their own, like a client upload.
    uploads = {}
    for _name, question, value in rows:
        if INamed.providedBy(value) and value.getSize():
            attachment = _add_dokument(
                mandat,
                f"{form_title}: {question}",
                value.data,
                value.filename,
                value.contentType or "application/octet-stream",
            )
            uploads[id(value)] = api.content.get_uuid(attachment)

    names = {"title": form_title, "date": day}
    stored = {}
    for marker, title, data, extension, content_type in (
        (
            IFragebogenRohdaten,
            _(
                "questionnaire_data_title",
                default="Fragebogen ${title}: Rohdaten (JSON) vom ${date}",
                mapping=names,
            ),
            render_json(form, mandat, rows, now, user.getId(), uploads),
            "json",
            "application/json",
        ),
        (
            IFragebogenAntworten,
            _(
                "questionnaire_answers_title",
                default="Fragebogen ${title}: Antworten vom ${date}",
                mapping=names,
            ),
            render_html(form, mandat, rows, now, user, request),
            "html",
            "text/html",
        ),
        (
            IFragebogenPdf,
            _(
                "questionnaire_pdf_title",
                default="Fragebogen ${title}: Antworten vom ${date} (PDF)",
                mapping=names,
            ),
            render_pdf(form, mandat, rows, now, user, request),
            "pdf",
            "application/pdf",
        ),
    ):
        stored[marker] = _add_dokument(
            mandat,
            translate(title, context=request),
            data,
            f"fragebogen-{form.getId()}-{stamp}.{extension}",
            content_type,
            marker,
        )
    raw = stored[IFragebogenRohdaten]
    if api.content.get_state(raw) != "intern":
        with api.env.adopt_roles(["Kanzlei"]):
            api.content.transition(obj=raw, transition="zurueckziehen")
    readable, printable = stored[IFragebogenAntworten], stored[IFragebogenPdf]
    setattr(form, ANSWERED_AT, now)
    setattr(form, PDF_UID, api.content.get_uuid(printable))
    setattr(form, ANSWERS_UID, api.content.get_uuid(readable))
    setattr(form, DATA_UID, api.content.get_uuid(raw))
    with api.env.adopt_roles(["Kanzlei"]):
        api.content.transition(obj=form, transition="beantworten")
    form.reindexObject()
    return None
