"""Client uploads and messages → an e-mail to the firm; delivery edge cases."""

from kanzlei.akte.testing import add_document
from plone import api
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubBeforeCommit

import base64
import pytest
import requests
import transaction


CLIENT_AUTH = ("mandant_a", "Mandanten-Test-Passwort-2026")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def upload(url, title="Beleg vom Mandanten", auth=CLIENT_AUTH):
    return requests.post(
        url,
        auth=auth,
        headers=JSON,
        json={
            "@type": "Dokument",
            "title": title,
            "file": {
                "data": base64.b64encode(b"%PDF-1.4 upload").decode(),
                "encoding": "base64",
                "filename": "beleg.pdf",
                "content-type": "application/pdf",
            },
        },
        timeout=30,
    )


@pytest.fixture
def conflict_once():
    """The first commit of a POST fails with a ConflictError (ZPublisher retries)."""
    attempts = []

    def hook(event):
        if event.request.method == "POST":
            attempts.append(event.request.get("PATH_INFO"))
            if len(attempts) == 1:
                raise ConflictError("forced by the test")

    gsm = getGlobalSiteManager()
    gsm.registerHandler(hook, (IPubBeforeCommit,))
    yield attempts
    gsm.unregisterHandler(hook, (IPubBeforeCommit,))


def test_client_upload_one_mail_to_the_lawyer_despite_conflict_retry(
    akte, flush, base_url, conflict_once
):
    path = "/".join(akte.mandat_a.getPhysicalPath()[2:])
    response = upload(f"{base_url}/{path}")
    assert response.status_code == 201, response.text
    assert len(conflict_once) == 2  # the first attempt was rolled back and retried

    transaction.begin()  # see what the server committed
    uploads = [
        obj for obj in akte.mandat_a.objectValues() if obj.portal_type == "Dokument"
    ]
    assert len(uploads) == 1 and uploads[0].direction == "mandant"

    flush(akte.portal, minutes=1)  # the firm is told as soon as the upload is over
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["anwalt@example.org"]]
    message = akte.sink.messages[0][1]
    assert message["Subject"] == "Neuer Eingang in der Online-Akte"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert f"/resolveuid/{akte.mandat_a.UID()}" in text
    assert "Beleg vom Mandanten" not in text
    assert f"{akte.portal.absolute_url()}/@@eingang" in text

    flush(akte.portal, minutes=60 * 48)  # the client is not told of their own upload
    assert len(akte.sink.messages) == 1


def test_message_without_lawyer_goes_to_the_inbox_address(akte, flush, base_url):
    api.portal.set_registry_record("kanzlei.akte.inbox_email", "eingang@example.org")
    transaction.commit()
    path = "/".join(akte.mandat_b.getPhysicalPath()[2:])
    response = requests.post(
        f"{base_url}/{path}",
        auth=("mandant_b", "Mandanten-Test-Passwort-2026"),
        headers=JSON,
        json={"@type": "Nachricht", "title": "Frage", "text": "Wann ist der Termin?"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    transaction.begin()
    flush(akte.portal, minutes=1)
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["eingang@example.org"]]
    text = akte.sink.messages[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "Termin" not in text and "Frage" not in text


def test_smtp_down_the_mail_arrives_when_it_is_back(akte, flush):
    from kanzlei.akte.testing import configure_mailhost

    import socket

    with socket.socket() as probe:  # a port where no SMTP server listens
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    configure_mailhost(closed_port)
    add_document(akte.mandat_a)
    transaction.commit()  # the firm's change is not affected by the outage

    assert flush(akte.portal, minutes=11) == {"sent": 0, "failed": 1, "dropped": 0}
    assert flush(akte.portal, minutes=12)["failed"] == 0  # waits before retrying

    configure_mailhost(akte.sink.port)  # the server is back
    transaction.commit()
    assert flush(akte.portal, minutes=17)["sent"] == 1
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]
    assert flush(akte.portal, minutes=30)["sent"] == 0


def test_aborted_transaction_no_mail(akte, flush):
    add_document(akte.mandat_a)
    transaction.abort()
    assert flush(akte.portal, minutes=60)["sent"] == 0
    assert akte.sink.messages == []


def test_restart_between_event_and_digest(akte, functional):
    """The queue lives in the ZODB: a new connection (restarted instance) sends it."""
    from datetime import date
    from datetime import timedelta
    from kanzlei.akte.mail import clock
    from kanzlei.akte.mail import queue

    import threading

    add_document(akte.mandat_a)
    with api.env.adopt_roles(["Manager"]):  # B's mandate: closed long ago
        api.content.transition(obj=akte.mandat_b, transition="abschliessen")
        akte.mandat_b.closed = date.today() - timedelta(days=400)
    transaction.commit()
    db = akte.portal._p_jar.db()

    # The clock of a freshly started instance: own thread, own connection.
    fresh = clock.Clock(db, seconds=60)
    worker = threading.Thread(
        target=fresh.beat, kwargs={"now": queue.now() + timedelta(minutes=11)}
    )
    worker.start()
    worker.join(60)
    assert fresh.beats == 1
    assert [rcpts for rcpts, _m in akte.sink.wait_for(1)] == [["erika@example.org"]]
    # The same beat ran the maintenance job.
    transaction.begin()
    assert api.content.get_state(akte.mandat_b) == "archiviert"


def test_answered_questionnaire_one_mail_raw_data_ignored(akte, flush):
    from kanzlei.akte.questionnaires.interfaces import IFragebogenAntworten
    from kanzlei.akte.questionnaires.interfaces import IFragebogenPdf
    from kanzlei.akte.questionnaires.interfaces import IFragebogenRohdaten
    from plone.dexterity.utils import addContentToContainer
    from plone.dexterity.utils import createContent
    from plone.namedfile.file import NamedBlobFile
    from zope.interface import alsoProvides

    def add(title, marker, state):
        obj = createContent(
            "Dokument",
            title=title,
            file=NamedBlobFile(data=b"{}", filename="f.json"),
            direction="mandant",
        )
        alsoProvides(obj, marker)
        with api.env.adopt_roles(["Manager"]):
            obj = addContentToContainer(akte.mandat_a, obj)
            if api.content.get_state(obj) != state:
                api.content.transition(
                    obj=obj,
                    transition="freigeben"
                    if state == "freigegeben"
                    else "zurueckziehen",
                )
        return obj

    add("Rohdaten", IFragebogenRohdaten, "intern")
    add("Antworten", IFragebogenAntworten, "freigegeben")
    add("PDF", IFragebogenPdf, "freigegeben")
    transaction.commit()

    flush(akte.portal, minutes=1)
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["anwalt@example.org"]]
    message = akte.sink.messages[0][1]
    assert message["Subject"] == "Neuer Eingang in der Online-Akte"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "1 neuer Eingang, davon 1 beantworteter Fragebogen" in text
    assert "Antworten" not in text


def test_refused_address_given_up_after_three_attempts(akte, flush):
    from aiosmtpd.controller import Controller
    from kanzlei.akte.mail import queue
    from kanzlei.akte.testing import configure_mailhost

    import socket

    class Refusing:
        """A real SMTP server that refuses one mailbox (550), like a bounced address."""

        def __init__(self):
            self.accepted = []

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address == "kaputt@example.org":
                return "550 5.1.1 no such mailbox"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            self.accepted.extend(envelope.rcpt_tos)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        configure_mailhost(port)
        api.user.get(userid="mandant_a").setMemberProperties(
            {"email": "kaputt@example.org"}
        )
        add_document(akte.mandat_a)
        add_document(akte.mandat_b)
        transaction.commit()

        first = flush(akte.portal, minutes=11)
        assert first == {"sent": 1, "failed": 1, "dropped": 0}
        assert handler.accepted == ["bert@example.org"]
        flush(akte.portal, minutes=17)
        assert len(queue.entries(akte.portal)) == 1  # kept for another try
        flush(akte.portal, minutes=23)
        assert queue.entries(akte.portal) == []  # given up, logged as an error
        assert handler.accepted == ["bert@example.org"]
    finally:
        controller.stop()
