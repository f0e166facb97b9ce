"""The shipped questionnaire templates and what every questionnaire in a Mandat gets."""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from collective.easyform.interfaces import IMailer
from kanzlei.akte.questionnaires.actions import SaveAsDokument
from kanzlei.akte.questionnaires.presets import PRESETS
from plone import api
from tests.questionnaires.helpers import add_questionnaire
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate

import pytest


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_template_is_a_german_form_with_required_fields_and_help(akte, preset):
    request = akte["portal"].REQUEST
    form = add_questionnaire(akte["mandat_a"], preset.id, request)
    fields = getFieldsInOrder(get_schema(form))
    assert len(fields) >= 10
    required = [name for name, field in fields if field.required]
    assert "bestaetigung" in required and len(required) >= 4
    assert sum(1 for _n, field in fields if field.description) >= 3
    assert any(IDate.providedBy(field) for _n, field in fields)
    assert any(IChoice.providedBy(field) for _n, field in fields)
    titles = " ".join(str(field.title) for _n, field in fields)
    assert "Ich versichere" in titles
    assert (
        form.Title()
        == {
            "allgemeine_mandatsaufnahme": "Allgemeine Mandatsaufnahme",
            "verkehrsunfall": "Verkehrsunfall",
            "mietrecht": "Mietrecht",
        }[preset.id]
    )
    assert form.submitLabel == "Fragebogen absenden"
    assert "Online-Akte" in form.thanksdescription
    assert api.content.get_state(form) == "offen"
    actions = [action for _n, action in getFieldsInOrder(get_actions(form))]
    assert [type(a) for a in actions] == [SaveAsDokument]


def test_new_easyform_in_mandate_never_mails(akte):
    """++add++EasyForm by staff: easyform's default mailer is removed, ours added."""
    with api.env.adopt_user(username="anwalt"):
        form = api.content.create(
            container=akte["mandat_a"], type="EasyForm", title="Eigene Fragen"
        )
    actions = [action for _n, action in getFieldsInOrder(get_actions(form))]
    assert not any(IMailer.providedBy(a) for a in actions)
    assert any(isinstance(a, SaveAsDokument) for a in actions)
    # The field editor's defaults are untouched.
    assert "comments" in get_schema(form)


def test_permissions_of_a_questionnaire(akte):
    form = add_questionnaire(akte["mandat_a"], "mietrecht", akte["portal"].REQUEST)

    def can(permission, user):
        return api.user.has_permission(permission, username=user, obj=form)

    assert can("View", "mandant-a")
    assert not can("View", "mandant-b")
    assert not can("Modify portal content", "mandant-a")
    assert not can("collective.easyform: Download Saved Input", "mandant-a")
    assert can("collective.easyform: Download Saved Input", "anwalt")
    assert can("Modify portal content", "anwalt")
    # Staff cannot add a mailer (answers never go out by e-mail), nor scripts.
    assert not can("collective.easyform: Add Mailers", "anwalt")
    assert not can("collective.easyform: Add Custom Scripts", "anwalt")
    assert not can("collective.easyform: Add Content", "mandant-a")


def test_clients_lose_the_questionnaire_with_the_mandate(akte):
    mandat = akte["mandat_a"]
    form = add_questionnaire(mandat, "verkehrsunfall", akte["portal"].REQUEST)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=mandat, transition="abschliessen")
    # Closed: still readable, no longer answerable.
    assert api.user.has_permission("View", username="mandant-a", obj=form)
    with api.env.adopt_user(username="mandant-a"):
        from kanzlei.akte.questionnaires.store import refusal

        assert "abgeschlossen" in refusal(form, akte["portal"].REQUEST).default
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=mandat, transition="archivieren")
    assert not api.user.has_permission("View", username="mandant-a", obj=form)


def test_staff_find_fragebogen_hinzufuegen_in_the_actions_menu(akte):
    actions = api.portal.get_tool("portal_actions")

    def buttons(user):
        with api.env.adopt_user(username=user):
            found = actions.listFilteredActionsFor(akte["mandat_a"])["object_buttons"]
        return {action["id"]: action["url"] for action in found}

    staff = buttons("anwalt")
    assert staff["fragebogen_hinzufuegen"].endswith("/@@fragebogen-hinzufuegen")
    assert "fragebogen_hinzufuegen" not in buttons("mandant-a")


def test_open_questionnaires_for_the_client_pages(akte):
    from kanzlei.akte.questionnaires import open_questionnaires

    mandat = akte["mandat_a"]
    request = akte["portal"].REQUEST
    answered = add_questionnaire(mandat, "allgemeine_mandatsaufnahme", request)
    add_questionnaire(mandat, "verkehrsunfall", request)
    with api.env.adopt_user(username="anwalt"):
        api.content.transition(obj=answered, transition="beantworten")  # on paper

    with api.env.adopt_user(username="mandant-a"):
        items = open_questionnaires(mandat)
    assert [(i["title"], i["open"]) for i in items] == [
        ("Verkehrsunfall", True),
        ("Allgemeine Mandatsaufnahme", False),
    ]
    assert items[0]["answered_at"] is None
    assert items[1]["answered_at"].date() == answered.questionnaire_answered_at.date()
    assert items[0]["url"].startswith(mandat.absolute_url())

    with api.env.adopt_user(username="mandant-b"):
        assert open_questionnaires(mandat) == []

    with api.env.adopt_user(username="anwalt"):
        api.content.transition(obj=answered, transition="wiedereroeffnen")
    with api.env.adopt_user(username="mandant-a"):
        assert all(
            i["open"] and i["answered_at"] is None for i in open_questionnaires(mandat)
        )


def test_uninstall_removes_the_action(akte):
    from plone.base.utils import get_installer

    actions = api.portal.get_tool("portal_actions")
    assert "fragebogen_hinzufuegen" in actions.object_buttons
    installer = get_installer(akte["portal"], akte["portal"].REQUEST)
    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product("kanzlei.akte")
    assert "fragebogen_hinzufuegen" not in actions.object_buttons
