"""Content rule actions: "Online-Akte: Mandanten benachrichtigen" / "... Kanzlei ...".

They do not send anything themselves: they put one pending notification per recipient
into the queue (same transaction as the change), with the rule's texts. The sender
renders and delivers it when it is due (the client's preference; digest), in the
recipient's language (``texts``).
"""

from Acquisition import aq_inner
from kanzlei.akte import _
from kanzlei.akte import logger
from kanzlei.akte.content.dokument import FROM_CLIENT
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.content.dokument import is_client_user
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.mail import preferences
from kanzlei.akte.mail import queue
from kanzlei.akte.mail import recipients
from kanzlei.akte.mail import texts
from kanzlei.akte.mail.texts import CLIENT_DIGEST_SUBJECT
from kanzlei.akte.mail.texts import CLIENT_MESSAGE
from kanzlei.akte.mail.texts import CLIENT_SUBJECT
from kanzlei.akte.mail.texts import FIRM_DIGEST_SUBJECT
from kanzlei.akte.mail.texts import FIRM_MESSAGE
from kanzlei.akte.mail.texts import FIRM_SUBJECT
from OFS.SimpleItem import SimpleItem
from plone import api
from plone.app.contentrules.actions import ActionAddForm
from plone.app.contentrules.actions import ActionEditForm
from plone.app.contentrules.browser.formhelper import ContentRuleFormWrapper
from plone.contentrules.rule.interfaces import IExecutable
from plone.contentrules.rule.interfaces import IRuleElementData
from plone.stringinterp.interfaces import IStringInterpolator
from ZODB.POSException import ConflictError
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


class INotifyAction(Interface):
    recipients = schema.TextLine(
        title=_("mail_label_recipients", default="Empfänger"),
        description=_(
            "mail_help_recipients",
            default="E-Mail-Adressen, durch Komma getrennt; Ersetzungen wie "
            "${mandant_emails} sind möglich. Jeder Empfänger erhält eine eigene "
            "E-Mail.",
        ),
        required=True,
    )
    subject = schema.TextLine(
        title=_("mail_label_subject", default="Betreff"),
        required=True,
    )
    digest_subject = schema.TextLine(
        title=_("mail_label_digest_subject", default="Betreff einer Sammel-E-Mail"),
        description=_(
            "mail_help_digest_subject",
            default="Wenn eine E-Mail mehrere Dokumente zusammenfasst",
        ),
        required=False,
    )
    message = schema.Text(
        title=_("mail_label_message", default="Text"),
        description=_(
            "mail_help_message",
            default="Ersetzungen: ${kanzlei_name}, ${akte_url}, ${akten_liste}, "
            "${anzahl_dokumente}, ${einstellungen_url}, ${eingang_url}. Nennen Sie "
            "keine vertraulichen Inhalte.",
        ),
        required=True,
    )


ENGLISH_HELP = _(
    "mail_help_english",
    default="Für Mandanten, die Englisch gewählt haben. Leer: unser englischer Text, "
    "solange Sie den deutschen nicht geändert haben; haben Sie ihn geändert und hier "
    "nichts eingetragen, geht die E-Mail auf Deutsch hinaus.",
)


def _english(field, title):
    return field(title=title, description=ENGLISH_HELP, required=False)


class INotifyClientsAction(INotifyAction):
    subject_en = _english(
        schema.TextLine, _("mail_label_subject_en", default="Betreff (Englisch)")
    )
    digest_subject_en = _english(
        schema.TextLine,
        _(
            "mail_label_digest_subject_en",
            default="Betreff einer Sammel-E-Mail (Englisch)",
        ),
    )
    message_en = _english(
        schema.Text, _("mail_label_message_en", default="Text (Englisch)")
    )


class INotifyFirmAction(INotifyAction):
    pass


class _Base(SimpleItem):
    recipients = ""
    subject = ""
    digest_subject = ""
    message = ""
    subject_en = ""
    digest_subject_en = ""
    message_en = ""

    def templates(self):
        """The rule's texts (German, the firm's language; and English versions)."""
        return {name: getattr(self, name, "") or "" for name in texts.NAMES}


@implementer(INotifyClientsAction, IRuleElementData)
class NotifyClientsAction(_Base):
    element = "kanzlei.akte.actions.NotifyClients"
    recipients = "${mandant_emails}"
    subject = CLIENT_SUBJECT
    digest_subject = CLIENT_DIGEST_SUBJECT
    message = CLIENT_MESSAGE

    @property
    def summary(self):
        return _(
            "mail_summary_notify_clients",
            default="Mandanten benachrichtigen: ${recipients}",
            mapping={"recipients": self.recipients},
        )


@implementer(INotifyFirmAction, IRuleElementData)
class NotifyFirmAction(_Base):
    element = "kanzlei.akte.actions.NotifyFirm"
    recipients = "${sachbearbeiter_email}"
    subject = FIRM_SUBJECT
    digest_subject = FIRM_DIGEST_SUBJECT
    message = FIRM_MESSAGE

    @property
    def summary(self):
        return _(
            "mail_summary_notify_firm",
            default="Kanzlei benachrichtigen: ${recipients}",
            mapping={"recipients": self.recipients},
        )


def effective_direction(obj):
    """Where an item comes from, also while it is being added (before on_added ran)."""
    if is_client_user(obj):
        return FROM_CLIENT
    return getattr(obj, "direction", None)


def _addresses(obj, template):
    text = IStringInterpolator(obj)(template or "")
    seen = []
    for part in text.replace(";", ",").split(","):
        address = part.strip()
        if "@" in address and address.lower() not in [s.lower() for s in seen]:
            seen.append(address)
    return seen


class _Executor:
    def __init__(self, context, element, event):
        self.context = context
        self.element = element
        self.event = event

    def __call__(self):
        # A notification must never break the upload or release that caused it.
        try:
            self.run()
        except ConflictError:
            raise  # the publisher retries the whole request
        except Exception:
            logger.exception(
                "Benachrichtigung für %s nicht eingereiht",
                "/".join(self.event.object.getPhysicalPath()),
            )
        return True

    def enqueue(self, kind, addresses, userids=None):
        obj = aq_inner(self.event.object)
        portal = api.portal.get()
        mandat = recipients.enclosing(obj, IMandat)
        for address in addresses:
            userid = (userids or {}).get(address.lower())
            queue.enqueue(
                portal,
                kind,
                address,
                api.content.get_uuid(obj),
                userid=userid,
                mandat_uid=api.content.get_uuid(mandat),
                templates=self.element.templates(),
                portal_url=portal.absolute_url(),
            )


@implementer(IExecutable)
@adapter(Interface, INotifyClientsAction, Interface)
class NotifyClientsExecutor(_Executor):
    def run(self):
        obj = aq_inner(self.event.object)
        if recipients.enclosing(obj, IMandat) is None:
            return True
        # Whatever the rule says: clients hear only of released documents of the firm.
        if effective_direction(obj) != FROM_FIRM:
            return True
        if api.content.get_state(obj=obj, default=None) != "freigegeben":
            return True
        userids = {
            email.lower(): uid for uid, email in recipients.client_addresses(obj)
        }
        addresses = []
        for address in _addresses(obj, self.element.recipients):
            userid = userids.get(address.lower())
            if userid and preferences.get_preference(userid)["mode"] == preferences.NIE:
                continue
            addresses.append(address)
        self.enqueue(queue.FOR_CLIENT, addresses, userids)
        return True


@implementer(IExecutable)
@adapter(Interface, INotifyFirmAction, Interface)
class NotifyFirmExecutor(_Executor):
    def run(self):
        obj = aq_inner(self.event.object)
        if recipients.enclosing(obj, IMandat) is None:
            return True
        if effective_direction(obj) != FROM_CLIENT:
            return True
        if recipients.is_questionnaire_twin(obj):
            return True
        self.enqueue(queue.FOR_FIRM, _addresses(obj, self.element.recipients))
        return True


class NotifyClientsAddForm(ActionAddForm):
    schema = INotifyClientsAction
    label = _("mail_form_add_notify_clients", default="Mandanten benachrichtigen")
    description = _(
        "mail_form_help_notify_clients",
        default="Jeder registrierte Mandant der Akte erhält eine eigene E-Mail – "
        "gesammelt nach seiner Einstellung. Nur für freigegebene Dokumente der "
        "Kanzlei.",
    )
    form_name = _("mail_form_name", default="Aktion einstellen")
    Type = NotifyClientsAction


class NotifyClientsAddFormView(ContentRuleFormWrapper):
    form = NotifyClientsAddForm


class NotifyClientsEditForm(ActionEditForm):
    schema = INotifyClientsAction
    label = _("mail_form_edit_notify_clients", default="Mandanten benachrichtigen")
    description = NotifyClientsAddForm.description
    form_name = _("mail_form_name", default="Aktion einstellen")


class NotifyClientsEditFormView(ContentRuleFormWrapper):
    form = NotifyClientsEditForm


class NotifyFirmAddForm(ActionAddForm):
    schema = INotifyFirmAction
    label = _("mail_form_add_notify_firm", default="Kanzlei benachrichtigen")
    description = _(
        "mail_form_help_notify_firm",
        default="Für Uploads und Nachrichten von Mandanten: eine E-Mail an den "
        "Sachbearbeiter, sonst an die Eingangs-Adresse der Kanzlei.",
    )
    form_name = _("mail_form_name", default="Aktion einstellen")
    Type = NotifyFirmAction


class NotifyFirmAddFormView(ContentRuleFormWrapper):
    form = NotifyFirmAddForm


class NotifyFirmEditForm(ActionEditForm):
    schema = INotifyFirmAction
    label = _("mail_form_edit_notify_firm", default="Kanzlei benachrichtigen")
    description = NotifyFirmAddForm.description
    form_name = _("mail_form_name", default="Aktion einstellen")


class NotifyFirmEditFormView(ContentRuleFormWrapper):
    form = NotifyFirmEditForm
