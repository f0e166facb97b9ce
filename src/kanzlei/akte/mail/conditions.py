"""Content rule condition "Online-Akte: Richtung" (von der Kanzlei / vom Mandanten)."""

from Acquisition import aq_inner
from kanzlei.akte import _
from kanzlei.akte.content.dokument import DIRECTIONS
from kanzlei.akte.mail.actions import effective_direction
from OFS.SimpleItem import SimpleItem
from plone.app.contentrules.browser.formhelper import AddForm
from plone.app.contentrules.browser.formhelper import ContentRuleFormWrapper
from plone.app.contentrules.browser.formhelper import EditForm
from plone.contentrules.rule.interfaces import IExecutable
from plone.contentrules.rule.interfaces import IRuleElementData
from z3c.form import form
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


class IDirectionCondition(Interface):
    direction = schema.Choice(
        title=_("mail_label_direction", default="Richtung"),
        description=_(
            "mail_help_direction",
            default="Die Regel gilt nur für Dokumente und Nachrichten dieser Richtung.",
        ),
        vocabulary=DIRECTIONS,
        required=True,
    )


@implementer(IDirectionCondition, IRuleElementData)
class DirectionCondition(SimpleItem):
    direction = None
    element = "kanzlei.akte.conditions.Direction"

    @property
    def summary(self):
        return _(
            "mail_summary_direction",
            default="Richtung: ${direction}",
            mapping={"direction": self.direction},
        )


@implementer(IExecutable)
@adapter(Interface, IDirectionCondition, Interface)
class DirectionConditionExecutor:
    def __init__(self, context, element, event):
        self.context = context
        self.element = element
        self.event = event

    def __call__(self):
        obj = aq_inner(self.event.object)
        return effective_direction(obj) == self.element.direction


class DirectionAddForm(AddForm):
    schema = IDirectionCondition
    label = _("mail_form_add_direction", default="Bedingung: Richtung")
    form_name = _("mail_form_name", default="Aktion einstellen")

    def create(self, data):
        condition = DirectionCondition()
        form.applyChanges(self, condition, data)
        return condition


class DirectionAddFormView(ContentRuleFormWrapper):
    form = DirectionAddForm


class DirectionEditForm(EditForm):
    schema = IDirectionCondition
    label = _("mail_form_add_direction", default="Bedingung: Richtung")
    form_name = _("mail_form_name", default="Aktion einstellen")


class DirectionEditFormView(ContentRuleFormWrapper):
    form = DirectionEditForm
