"""Deliver the due notifications of the queue through Plone's MailHost.

Three steps, each its own transaction, so that no mail is sent twice and none is lost:

1. claim: mark the due entries with a token and commit (a ConflictError with another
   sender, e.g. a second instance, is retried or left for the next tick; nothing sent);
2. send: one e-mail per recipient through the MailHost with ``immediate=True``, so an
   SMTP error is seen here (``immediate=False`` would swallow it after commit);
3. complete: remove what the MailHost accepted; what failed goes back to the queue with
   a retry time. A crash between 2 and 3 leaves a claim that expires after
   ``CLAIM_EXPIRY`` and is then sent again (at most once more; never lost).
"""

from collections import OrderedDict
from datetime import timedelta
from email.policy import SMTP
from kanzlei.akte import logger
from kanzlei.akte.content.dokument import FROM_FIRM
from kanzlei.akte.content.mandat import IMandat
from kanzlei.akte.language import recipients as language
from kanzlei.akte.mail import links
from kanzlei.akte.mail import preferences
from kanzlei.akte.mail import queue
from kanzlei.akte.mail import recipients
from kanzlei.akte.mail import settings
from kanzlei.akte.mail import texts
from kanzlei.akte.mail.digest import build_message
from kanzlei.akte.mail.digest import Digest
from kanzlei.akte.mail.digest import render
from kanzlei.akte.pas import compat
from plone import api
from plone.app.uuid.utils import uuidToObject
from smtplib import SMTPRecipientsRefused
from smtplib import SMTPSenderRefused
from ZODB.POSException import ConflictError
from zoneinfo import ZoneInfo

import transaction
import uuid


CLAIM_EXPIRY = timedelta(minutes=15)
MAX_ATTEMPTS = 288  # a day of retries every 5 minutes (an SMTP outage)
MAX_ATTEMPTS_REFUSED = 3  # the server refuses the address itself
QUIET = timedelta(minutes=1)
QUIET_MAX = timedelta(minutes=5)
COMMIT_ATTEMPTS = 3


def flush(portal, now=None):
    """Send what is due; returns counts ``{"sent", "failed", "dropped"}``.

    Commits: call it outside of a transaction that has other pending changes.
    """
    now = now or queue.now()
    transaction.commit()  # start from a clean slate; nothing of ours is pending here
    token = uuid.uuid4().hex
    claimed = _in_transaction(lambda: _claim(portal, now, token))
    if not claimed:
        return {"sent": 0, "failed": 0, "dropped": 0}
    outcome = {"sent": [], "failed": [], "dropped": [], "refused": []}
    for group_keys in claimed:
        _deliver(portal, group_keys, outcome)
    transaction.abort()  # the send step changes nothing persistent
    _in_transaction(lambda: _complete(portal, outcome, token, now))
    counts = {name: len(outcome[name]) for name in ("sent", "failed", "dropped")}
    if any(counts.values()):
        logger.info("Benachrichtigungen: %s", counts)
    return counts


def _in_transaction(step):
    for attempt in range(1, COMMIT_ATTEMPTS + 1):
        try:
            transaction.begin()
            result = step()
            transaction.commit()
            return result
        except ConflictError:
            transaction.abort()
            if attempt == COMMIT_ATTEMPTS:
                logger.warning("Benachrichtigungen: Konflikt, nächster Versuch später")
                return None
    return None


def _groups(portal):
    groups = OrderedDict()
    for key, entry in queue.entries(portal):
        groups.setdefault((entry["email"], entry["kind"]), []).append((key, entry))
    return groups


def _claim(portal, now, token):
    claimed = []
    for (_email, kind), members in _groups(portal).items():
        free = [
            (key, entry)
            for key, entry in members
            if entry["claim"] is None or now - entry["claim"][1] > CLAIM_EXPIRY
        ]
        if not free:
            continue
        if any(entry["not_before"] and entry["not_before"] > now for _k, entry in free):
            continue
        decision = _due(kind, free, now)
        if decision == "drop":
            for key, _entry in free:
                queue.remove(portal, key)
            continue
        if decision:
            for key, _entry in free:
                queue.replace(portal, key, claim=(token, now))
            claimed.append([key for key, _entry in free])
    return claimed


def _settled(members, now):
    """Nothing new for QUIET (an upload or a sync is over), or waited QUIET_MAX.

    "sofort" and the firm's notices wait for this, so that 10 files uploaded one by one
    give one e-mail, not ten.
    """
    newest = max(entry["created"] for _k, entry in members)
    oldest = min(entry["created"] for _k, entry in members)
    return now - newest >= QUIET or now - oldest >= QUIET_MAX


def _due(kind, members, now):
    if kind == queue.FOR_FIRM:
        return _settled(members, now)
    userid = next(
        (entry.get("userid") for _k, entry in members if entry.get("userid")), None
    )
    preference = preferences.get_preference(userid)
    mode = preference["mode"]
    oldest = min(entry["created"] for _k, entry in members)
    if mode == preferences.NIE:
        return "drop"
    if mode == preferences.SOFORT:
        return _settled(members, now)
    if mode == preferences.TAEGLICH:
        return now >= _next_daily(oldest)
    return now >= oldest + timedelta(minutes=preference["minutes"])


def _next_daily(moment):
    zone = ZoneInfo(
        api.portal.get_registry_record("plone.portal_timezone", default=None)
        or "Europe/Berlin"
    )
    local = moment.astimezone(zone)
    candidate = local.replace(
        hour=settings.get("daily_hour"), minute=0, second=0, microsecond=0
    )
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


def _still_to_tell(entry):
    """The item, if it should still be told about (never what a client may not see)."""
    item = uuidToObject(entry["item_uid"], unrestricted=True)
    if item is None:
        return None
    mandat = recipients.enclosing(item, IMandat)
    if mandat is None:
        return None
    if entry["kind"] == queue.FOR_CLIENT:
        if getattr(item, "direction", None) != FROM_FIRM:
            return None
        if api.content.get_state(obj=item, default=None) != "freigegeben":
            return None
        userid = entry.get("userid")
        if userid and not recipients.is_active_client(userid, mandat):
            return None
    elif recipients.is_questionnaire_twin(item) or (
        item.portal_type == "Dokument"
        and api.content.get_state(obj=item, default=None) != "freigegeben"
    ):
        return None  # client uploads are released; what is internal is no "Eingang"
    return item


def _deliver(portal, keys, outcome):
    tree = queue.storage(portal)
    members = [(key, tree[key]) for key in keys if key in tree]
    groups = OrderedDict()
    dropped = []
    for key, entry in members:
        item = _still_to_tell(entry)
        if item is None:
            dropped.append(key)
            continue
        mandat = recipients.enclosing(item, IMandat)
        groups.setdefault(mandat.UID(), (mandat, []))[1].append((key, item))
    outcome["dropped"].extend(dropped)
    if not groups:
        return
    keys_to_send = [key for _m, pairs in groups.values() for key, _i in pairs]
    newest = max((entry for _k, entry in members), key=lambda e: e["created"])
    mail_language, templates = _language(newest)
    digest = Digest(
        kind=newest["kind"],
        email=newest["email"],
        base=links.base_url(newest.get("portal_url")),
        groups=[(mandat, [i for _k, i in pairs]) for mandat, pairs in groups.values()],
        show_details=settings.get("show_details"),
        language=mail_language,
    )
    try:
        subject, text = render(portal, digest, templates)
        sender_address = api.portal.get_registry_record("plone.email_from_address")
        sender_name = api.portal.get_registry_record(
            "plone.email_from_name", default=""
        )
        if not sender_address:
            raise ValueError("plone.email_from_address is not set")
        message = build_message(
            sender_name, sender_address, digest.email, subject, text, digest.language
        )
        _send(message, sender_address, digest.email)
    except (SMTPRecipientsRefused, SMTPSenderRefused) as error:
        # The server will not take this address: retrying a few times covers greylisting
        # and typos fixed meanwhile, then the entry is given up (see _complete).
        logger.error("Benachrichtigung an %s abgelehnt: %s", digest.email, error)
        outcome["failed"].extend(keys_to_send)
        outcome["refused"].extend(keys_to_send)
    except Exception:
        logger.exception(
            "Benachrichtigung an %s nicht zugestellt; neuer Versuch später",
            digest.email,
        )
        outcome["failed"].extend(keys_to_send)
    else:
        outcome["sent"].extend(keys_to_send)


def _language(entry):
    """(language, the rule's texts in it): a client reads the mail in their account's
    language, the firm in its own. A rule text the firm changed and did not write in
    the client's language: the whole mail in the firm's language (``texts``)."""
    firm = language.site_language()
    if entry["kind"] == queue.FOR_CLIENT and entry.get("userid"):
        wanted = language.of_user(entry["userid"])
        found = texts.in_language(entry["templates"], wanted, firm)
        if found is not None:
            return wanted, found
    return firm, texts.in_language(entry["templates"], firm, firm)


def _send(message, sender_address, recipient):
    """Hand one message to the MailHost's SMTP mailer now; raises if it is refused.

    Plone's MailHost (its mailer, the registry's SMTP settings, TLS) with
    ``immediate=True`` semantics, but with the CRLF line ends of RFC 5321:
    ``MailHost.send`` re-serialises with bare LF, which strict servers (and
    Postfix since the SMTP smuggling fixes) reject.
    """
    mailhost = api.portal.get_tool("MailHost")
    data = message.as_bytes(policy=SMTP)
    compat.mailer(mailhost).send(sender_address, [recipient], data)


def _complete(portal, outcome, token, now):
    tree = queue.storage(portal)
    retry = now + timedelta(minutes=settings.get("retry_minutes"))

    def ours(key):
        entry = tree.get(key)
        return entry is not None and entry["claim"] and entry["claim"][0] == token

    for key in outcome["sent"] + outcome["dropped"]:
        if ours(key):
            del tree[key]
    for key in outcome["failed"]:
        if ours(key):
            entry = tree[key]
            limit = MAX_ATTEMPTS_REFUSED if key in outcome["refused"] else MAX_ATTEMPTS
            if entry["attempts"] + 1 >= limit:
                logger.error(
                    "Benachrichtigung an %s nach %s Versuchen aufgegeben",
                    entry["email"],
                    entry["attempts"] + 1,
                )
                del tree[key]
                continue
            queue.replace(
                portal,
                key,
                claim=None,
                attempts=entry["attempts"] + 1,
                not_before=retry,
            )
