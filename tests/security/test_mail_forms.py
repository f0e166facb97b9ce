"""Issue 11, 1.8: clients and anonymous visitors send no e-mail through the portal.

Plone's stock mail forms (``sendto_form``, the contact form ``contact-info``, the
author contact form) and their REST equivalents (``@email-notification``,
``@email-send``) are for staff only ("Allow sendto", "Use mailhost services").
A real SMTP server (aiosmtpd) receives what the portal sends.
"""

from kanzlei.akte.testing import configure_mailhost
from tests.security.conftest import refused
from tests.security.conftest import visitors
from tests.security.test_users_listing import authenticator

import pytest
import transaction


OUTSIDER = "opfer@example.net"


@pytest.fixture
def mailhost(firm, smtp_sink):
    configure_mailhost(smtp_sink.port)
    transaction.commit()
    return smtp_sink


def form_posts(firm, base_url, token):
    """(url, data) of every stock mail form, filled to send to an outsider."""
    document = firm["released"].absolute_url()
    common = {"_authenticator": token, "form.buttons.send": "Senden"}
    return [
        (
            f"{document}/sendto_form",
            {
                **common,
                "form.widgets.send_to_address": OUTSIDER,
                "form.widgets.send_from_address": "spam@example.net",
                "form.widgets.comment": "Kaufen Sie jetzt!",
            },
        ),
        (
            f"{base_url}/contact-info",
            {
                **common,
                "form.widgets.sender_fullname": "Spam",
                "form.widgets.sender_from_address": OUTSIDER,
                "form.widgets.subject": "Kaufen Sie jetzt!",
                "form.widgets.message": "Kaufen Sie jetzt!",
            },
        ),
        (
            f"{base_url}/author/anwalt",
            {
                **common,
                "form.widgets.subject": "Kaufen Sie jetzt!",
                "form.widgets.message": "Kaufen Sie jetzt!",
                "form.widgets.author": "anwalt",
                "form.widgets.referer": base_url,
            },
        ),
    ]


REST_MAIL = [
    (
        "@email-notification",
        {"from": OUTSIDER, "name": "Spam", "subject": "Hallo", "message": "Spam"},
    ),
    (
        "@email-send",
        {"to": OUTSIDER, "from": OUTSIDER, "subject": "Hallo", "message": "Spam"},
    ),
]


@visitors()
@pytest.mark.parametrize("form", ["sendto_form", "contact-info", "author/anwalt"])
def test_mail_forms_not_offered(visitor, firm, base_url, form):
    context = firm["released"].absolute_url() if form == "sendto_form" else base_url
    response = visitor.get(f"{context}/{form}")
    assert refused(response)
    assert 'name="form.buttons.send"' not in response.text


@visitors()
def test_no_mail_from_any_form(visitor, mailhost, firm, base_url):
    for url, data in form_posts(firm, base_url, authenticator(visitor, base_url)):
        response = visitor.post(url, data=data)
        assert refused(response), url
    for endpoint, data in REST_MAIL:
        response = visitor.post(
            f"{base_url}/{endpoint}", json=data, headers={"Accept": "application/json"}
        )
        assert response.status_code in (401, 403), endpoint
    assert mailhost.wait_for(1, timeout=2) == []


@visitors()
def test_no_contact_link(visitor, firm, base_url):
    page = visitor.get(firm["mandat_a"].absolute_url()).text
    assert "/contact-info" not in page
    assert "/sendto_form" not in page


def test_staff_keep_the_forms(staff, mailhost, firm, base_url):
    """The portal does send these mails for staff: the refusals above are real."""
    url, data = form_posts(firm, base_url, authenticator(staff, base_url))[0]
    assert 'name="form.buttons.send"' in staff.get(url).text
    response = staff.post(url, data=data)
    assert response.status_code == 200
    ((recipients, _message),) = mailhost.wait_for(1)
    assert recipients == [OUTSIDER]
