"""New documents of the firm → e-mails to the mandate's clients."""

from kanzlei.akte.testing import add_document
from plone import api

import requests
import transaction


CLIENT_A = ("mandant_a", "Mandanten-Test-Passwort-2026")


def body(message, subtype="plain"):
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_one_document_one_mail(akte, flush, base_url):
    add_document(akte.mandat_a, title="Klageerwiderung Geheim")
    transaction.commit()

    assert flush(akte.portal)["sent"] == 0  # collected for 10 minutes by default
    assert akte.sink.messages == []

    assert flush(akte.portal, minutes=11)["sent"] == 1
    assert len(akte.sink.messages) == 1
    rcpts, message = akte.sink.messages[0]
    assert rcpts == ["erika@example.org"]
    assert message["To"] == "erika@example.org"
    assert "Cc" not in message
    assert message["Subject"] == "Neues Dokument in Ihrer Online-Akte"
    assert message.get_content_type() == "multipart/alternative"
    text, html = body(message), body(message, "html")
    portal_url = akte.portal.absolute_url()
    link = f"{portal_url}/resolveuid/{akte.mandat_a.UID()}"  # opaque, not the path
    assert link in text and f'href="{link}"' in html
    assert akte.mandant_a.getId() not in text and akte.mandat_a.getId() not in text
    # The link leads the client (after login) to the mandate.
    followed = requests.get(
        link.replace(portal_url, base_url), auth=CLIENT_A, timeout=30
    )
    assert followed.status_code == 200
    assert followed.url.endswith("/".join(akte.mandat_a.getPhysicalPath()[2:]))
    assert "KLX Rechtsanwälte" in text
    assert f"{akte.portal.absolute_url()}/@@benachrichtigungen" in text
    for secret in ("Klageerwiderung", "123/26", "Mietsache", "Gegner", "Erika Muster"):
        assert secret not in text and secret not in html
        assert secret not in message["Subject"]

    assert flush(akte.portal, minutes=30)["sent"] == 0  # nothing twice
    assert len(akte.sink.messages) == 1


def test_thirty_documents_one_digest_per_client(akte, flush):
    from kanzlei.akte.accounts.links import link_user

    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="erika.firma@example.org",
            username="mandant_a2",
            password="Mandanten-Test-Passwort-2026",
        )
        link_user(akte.mandant_a, "mandant_a2")
    transaction.commit()
    for number in range(30):  # the law-office software syncs one by one
        add_document(akte.mandat_a, title=f"Beleg {number}")
        transaction.commit()

    assert flush(akte.portal, minutes=5)["sent"] == 0
    flush(akte.portal, minutes=11)

    assert sorted(r for rcpts, _m in akte.sink.messages for r in rcpts) == [
        "erika.firma@example.org",
        "erika@example.org",
    ]
    for rcpts, message in akte.sink.messages:
        assert len(rcpts) == 1 and message["To"] == rcpts[0]  # nobody else in To/Cc
        assert message["Subject"] == "30 neue Dokumente in Ihrer Online-Akte"
        assert "30 neue Dokumente" in body(message)
        assert "Beleg" not in body(message)
    assert not any("bert" in r for rcpts, _m in akte.sink.messages for r in rcpts)


def test_internal_document_no_mail_until_released(akte, flush):
    api.portal.set_registry_record("kanzlei.akte.document_default_state", "intern")
    doc = add_document(akte.mandat_a, title="Entwurf")
    transaction.commit()
    assert api.content.get_state(doc) == "intern"

    assert flush(akte.portal, minutes=60)["sent"] == 0
    assert akte.sink.messages == []

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=doc, transition="freigeben")
    transaction.commit()
    flush(akte.portal, minutes=11)
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]


def test_retracted_before_the_digest_no_mail(akte, flush):
    doc = add_document(akte.mandat_a, title="Versehen")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=doc, transition="zurueckziehen")
    transaction.commit()

    assert flush(akte.portal, minutes=11) == {"sent": 0, "failed": 0, "dropped": 1}
    assert akte.sink.messages == []


def test_client_preferences_sofort_and_nie(akte, flush):
    from kanzlei.akte.mail import preferences

    preferences.set_preference("mandant_a", preferences.SOFORT)
    preferences.set_preference("mandant_b", preferences.NIE)
    transaction.commit()
    add_document(akte.mandat_a)
    add_document(akte.mandat_b)
    transaction.commit()

    assert flush(akte.portal)["sent"] == 0  # "sofort": once nothing new came for 1 min
    flush(akte.portal, minutes=1)  # "nie": never
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]
    flush(akte.portal, minutes=60 * 24 * 2)
    assert len(akte.sink.messages) == 1


def test_show_details_setting(akte, flush):
    api.portal.set_registry_record("kanzlei.akte.mail.show_details", True)
    add_document(akte.mandat_a, title="Klageerwiderung")
    transaction.commit()
    flush(akte.portal, minutes=11)
    text = body(akte.sink.messages[0][1])
    assert "123/26" in text and "Klageerwiderung" in text


def test_rules_installed_and_removed_on_uninstall(akte, flush):
    from kanzlei.akte.mail import queue
    from kanzlei.akte.mail.setup import remove_rules
    from kanzlei.akte.mail.setup import RULES
    from plone.contentrules.engine.interfaces import IRuleAssignmentManager
    from plone.contentrules.engine.interfaces import IRuleStorage
    from zope.component import getUtility

    storage = getUtility(IRuleStorage)
    assignments = IRuleAssignmentManager(akte.portal)
    for name in RULES:
        assert storage[name].enabled and name in assignments

    remove_rules(akte.portal)  # what the uninstall profile's handler calls
    assert not set(RULES) & set(storage.keys())
    add_document(akte.mandat_a)
    transaction.commit()
    assert queue.entries(akte.portal) == []


def test_daily_digest_at_the_configured_hour(akte, flush):
    from kanzlei.akte.mail import preferences
    from kanzlei.akte.mail import queue
    from kanzlei.akte.mail.sender import _next_daily

    preferences.set_preference("mandant_a", preferences.TAEGLICH)
    add_document(akte.mandat_a)
    add_document(akte.mandat_a)
    transaction.commit()
    due = _next_daily(queue.now())
    site_zone = api.portal.get_registry_record("plone.portal_timezone")
    assert due.hour == 7 and str(due.tzinfo) == site_zone
    minutes_until_due = (due - queue.now()).total_seconds() / 60

    assert flush(akte.portal, minutes=minutes_until_due - 1)["sent"] == 0
    assert flush(akte.portal, minutes=minutes_until_due + 1)["sent"] == 2
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]
    assert akte.sink.messages[0][1]["Subject"] == (
        "2 neue Dokumente in Ihrer Online-Akte"
    )
