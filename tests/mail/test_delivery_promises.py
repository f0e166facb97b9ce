"""The README's promises about when and how notifications go out.

Time is controlled with the sender's ``now`` (``flush(portal, minutes=…)``, the clock's
``beat(now=…)``); where the age of a queued entry matters, the entry's ``created`` is
set through ``kanzlei.akte.mail.queue.replace``.
"""

from .test_firm import upload
from datetime import datetime
from datetime import timedelta
from kanzlei.akte.mail import clock
from kanzlei.akte.mail import preferences
from kanzlei.akte.mail import queue
from kanzlei.akte.mail import sender
from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import configure_mailhost
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.conftest import free_port
from zoneinfo import ZoneInfo

import re
import threading
import transaction


PUBLIC = "https://akte.kanzlei.example"


def links_in(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"https?://\S+/resolveuid/\S+", text)


def age_entries(portal, minutes, item=None):
    """Pretend the queued entries (of ``item``) were made ``minutes`` ago."""
    for key, entry in queue.entries(portal):
        if item is None or entry["item_uid"] == item.UID():
            queue.replace(portal, key, created=queue.now() - timedelta(minutes=minutes))
    transaction.commit()


def beat(portal, minutes, workers=1):
    """One beat of the instance clock ``minutes`` from now, each in its own thread
    with its own ZODB connection (as a second instance on the same database has)."""
    db = portal._p_jar.db()
    start = threading.Barrier(workers)
    now = queue.now() + timedelta(minutes=minutes)

    def run():
        start.wait(10)
        clock.Clock(db, seconds=60).beat(now=now)

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    transaction.begin()  # see what the beats committed


# --- schedule -------------------------------------------------------------------


def test_sofort_waits_for_quiet_but_at_most_five_minutes(akte, flush):
    preferences.set_preference("mandant_a", preferences.SOFORT)
    first = add_document(akte.mandat_a, title="Erstes")
    transaction.commit()
    age_entries(akte.portal, 4, first)
    add_document(akte.mandat_a, title="Zweites")  # a sync still going on
    transaction.commit()
    assert flush(akte.portal)["sent"] == 0  # 4 minutes: still collecting
    age_entries(akte.portal, 5.1, first)
    assert flush(akte.portal)["sent"] == 2  # 5 minutes: sent, though not quiet
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]]


def test_changed_digest_interval_is_used(akte, flush):
    api.portal.set_registry_record("kanzlei.akte.mail.default_digest_minutes", 30)
    add_document(akte.mandat_a)
    transaction.commit()
    assert flush(akte.portal, minutes=29)["sent"] == 0
    assert flush(akte.portal, minutes=31)["sent"] == 1


def test_chosen_interval_of_the_client_is_used(akte, flush):
    preferences.set_preference("mandant_a", preferences.INTERVALL, minutes=45)
    add_document(akte.mandat_a)
    transaction.commit()
    assert flush(akte.portal, minutes=44)["sent"] == 0
    assert flush(akte.portal, minutes=46)["sent"] == 1


def test_changed_daily_hour_is_used(akte, flush):
    api.portal.set_registry_record("kanzlei.akte.mail.daily_hour", 15)
    preferences.set_preference("mandant_a", preferences.TAEGLICH)
    add_document(akte.mandat_a)
    transaction.commit()
    zone = ZoneInfo(api.portal.get_registry_record("plone.portal_timezone"))
    local = datetime.now(zone)
    due = local.replace(hour=15, minute=0, second=0, microsecond=0)
    if due <= local:
        due += timedelta(days=1)
    minutes = (due - local).total_seconds() / 60
    assert flush(akte.portal, minutes=minutes - 1)["sent"] == 0
    assert flush(akte.portal, minutes=minutes + 1)["sent"] == 1


# --- links -------------------------------------------------------------------------


def test_clock_outside_a_request_uses_the_public_address(akte):
    api.portal.set_registry_record("kanzlei.akte.mail.public_url", PUBLIC + "/")
    add_document(akte.mandat_a)
    transaction.commit()
    beat(akte.portal, minutes=11)
    (link,) = links_in(akte.sink.wait_for(1)[0][1])
    assert link == f"{PUBLIC}/resolveuid/{akte.mandat_a.UID()}"


def test_without_public_address_the_address_of_the_event(akte, base_url):
    """A document released over HTTP: the clock (no request of its own) links to the
    address the portal was called at then, never to ``http://nohost``."""
    url = akte.mandat_a.absolute_url().replace("http://nohost/plone", base_url)
    staff = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    response = upload(url, title="Schriftsatz", auth=staff)
    assert response.status_code == 201, response.text
    beat(akte.portal, minutes=11)
    (link,) = links_in(akte.sink.wait_for(1)[0][1])
    assert link == f"{base_url}/resolveuid/{akte.mandat_a.UID()}"


# --- delivery ----------------------------------------------------------------------


class CrashBeforeDelete:
    """Ends the sender (like a killed process) once the mail is out: the next
    transaction it begins, the one that would delete the entry, raises."""

    def __init__(self, sink):
        self.sink = sink

    def newTransaction(self, txn):
        if self.sink.messages:
            raise KeyboardInterrupt("process killed after sending")

    def beforeCompletion(self, txn):
        pass

    def afterCompletion(self, txn):
        pass


def test_resent_once_when_the_process_dies_between_send_and_delete(akte, flush):
    add_document(akte.mandat_a)
    transaction.commit()
    crash = CrashBeforeDelete(akte.sink)
    transaction.manager.registerSynch(crash)
    try:
        flush(akte.portal, minutes=11)
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the sender did not get to the delete step")
    finally:
        transaction.manager.unregisterSynch(crash)
        transaction.abort()
    assert len(akte.sink.messages) == 1
    assert len(queue.entries(akte.portal)) == 1  # claimed, not lost
    assert flush(akte.portal, minutes=20)["sent"] == 0  # the claim still holds
    assert flush(akte.portal, minutes=27)["sent"] == 1  # claim expired: sent again
    assert flush(akte.portal, minutes=60)["sent"] == 0  # and only once more
    assert [rcpts for rcpts, _m in akte.sink.messages] == [["erika@example.org"]] * 2


def test_given_up_after_a_day_of_smtp_outage(akte, flush):
    configure_mailhost(free_port())  # a port where no SMTP server listens
    add_document(akte.mandat_a)
    transaction.commit()
    minutes, failures = 11, 0
    while minutes < 23.5 * 60:  # a retry every 5 minutes (retry_minutes)
        failures += flush(akte.portal, minutes=minutes)["failed"]
        minutes += 5
    assert len(queue.entries(akte.portal)) == 1  # still tried after 23.5 hours
    while minutes < 24.5 * 60:
        failures += flush(akte.portal, minutes=minutes)["failed"]
        minutes += 5
    assert queue.entries(akte.portal) == []  # given up within the 24th hour
    assert failures == sender.MAX_ATTEMPTS
    configure_mailhost(akte.sink.port)
    transaction.commit()
    assert flush(akte.portal, minutes=26 * 60)["sent"] == 0


def test_two_instances_on_one_database_send_each_mail_once(akte):
    akte.sink.delay = 0.3  # a slow mail server: the two senders overlap
    for _ in range(3):
        add_document(akte.mandat_a)
        add_document(akte.mandat_b)
    transaction.commit()
    beat(akte.portal, minutes=11, workers=2)
    akte.sink.wait_for(3, timeout=1.5)  # a duplicate would come now
    assert sorted(rcpts for rcpts, _m in akte.sink.messages) == [
        ["bert@example.org"],
        ["erika@example.org"],
    ]
    assert queue.entries(akte.portal) == []


# --- format ------------------------------------------------------------------------


def test_mail_format_on_the_wire(akte, flush, base_url):
    """RFC 2047 subject, quoted-printable UTF-8, CRLF line ends, Auto-Submitted."""
    url = akte.mandat_a.absolute_url().replace("http://nohost/plone", base_url)
    for title in ("Beleg eins", "Beleg zwei"):  # the client uploads
        response = upload(url, title=title)
        assert response.status_code == 201, response.text
    transaction.begin()
    assert flush(akte.portal, minutes=2)["sent"] == 2
    (raw,) = akte.sink.raw
    (_rcpts, message) = akte.sink.messages[0]
    assert message["Subject"] == "2 neue Eingänge in der Online-Akte"
    head, _, body = raw.partition(b"\r\n\r\n")
    subject = re.search(rb"^Subject: (.*(?:\r\n[ \t].*)*)", head, re.M).group(1)
    assert subject.isascii()  # the umlaut as an RFC 2047 encoded word
    assert re.search(rb"=\?utf-8\?[qb]\?[^?\s]+\?=", subject, re.I)
    assert re.search(rb"^Auto-Submitted: auto-generated\r$", head + b"\r", re.M)
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    parts = message.get_payload()
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    for part in parts:
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
        assert part.get_content_charset() == "utf-8"
    assert b"Eing=C3=A4nge" in body  # the umlaut, quoted-printable
    assert "Eingänge" in parts[0].get_content()
