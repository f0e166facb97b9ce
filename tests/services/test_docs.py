"""Runs every example of docs/api.md, in order, against the WSGI server.

A request is a fenced ``http`` block starting with a method; the next ``http`` block is
its expected answer (status, headers, JSON). ``"..."`` matches anything; ``{name}``
takes the value from the answer and is replaced in later requests. ``<!-- run: x -->``
runs the named step (what a client does in the portal) at that point.
"""

from kanzlei.akte.accounts.links import link_user
from kanzlei.akte.content.validation import object_for_key
from kanzlei.akte.testing import configure_mailhost
from kanzlei.akte.testing import make_client
from pathlib import Path
from plone import api
from tests.twofactor.helpers import code
from tests.twofactor.helpers import enable
from tests.twofactor.helpers import PASSWORD

import base64
import json
import re
import requests
import transaction


DOC = Path(__file__).parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"```http\n(.*?)```|<!-- run: (\w+) -->", re.S)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")


def parse(text):
    steps = []
    pending = None
    for match in BLOCK.finditer(text):
        block, run = match.groups()
        if run:
            steps.append(("run", run))
            continue
        if block.split(" ", 1)[0] in METHODS:
            pending = block
        else:
            assert pending, f"answer without request: {block[:60]}"
            steps.append(("http", pending, block))
            pending = None
    return steps


def split_message(block):
    head, _sep, body = block.partition("\n\n")
    lines = head.strip().splitlines()
    headers = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers[name.strip()] = value.strip()
    return lines[0], headers, body.strip("\n")


class Runner:
    def __init__(self, base_url, values):
        self.base_url = base_url
        self.values = values

    def fill(self, text):
        for name, value in self.values.items():
            text = text.replace(f"${name}", value)
        return PLACEHOLDER.sub(lambda m: self.values.get(m.group(1), m.group(0)), text)

    def request(self, block):
        first, headers, body = split_message(self.fill(block))
        method, target = first.split(" ", 1)
        url = self.base_url + target if target.startswith("/") else target
        data = body.encode("utf-8") if body else None
        return requests.request(method, url, headers=headers, data=data)

    def match(self, expected, actual, where):
        if expected == "...":
            return
        if isinstance(expected, str):
            assert isinstance(actual, str), f"{where}: {actual!r} is no string"
            self.match_string(expected, actual, where)
        elif isinstance(expected, dict):
            assert isinstance(actual, dict), f"{where}: {actual!r} is no object"
            for key, value in expected.items():
                assert key in actual, f"{where}: key {key} missing in {actual}"
                self.match(value, actual[key], f"{where}.{key}")
        elif isinstance(expected, list):
            assert isinstance(actual, list) and len(actual) == len(expected), (
                f"{where}: {actual!r} vs {expected!r}"
            )
            for index, (exp, act) in enumerate(zip(expected, actual, strict=True)):
                self.match(exp, act, f"{where}[{index}]")
        else:
            assert expected == actual, f"{where}: {actual!r} != {expected!r}"

    def match_string(self, expected, actual, where):
        pattern = ""
        names = []
        position = 0
        for found in PLACEHOLDER.finditer(expected):
            pattern += re.escape(expected[position : found.start()])
            name = found.group(1)
            if name in self.values:
                pattern += re.escape(self.values[name])
            else:
                pattern += f"(?P<{name}>.+?)"
                names.append(name)
            position = found.end()
        pattern += re.escape(expected[position:])
        result = re.fullmatch(pattern, actual)
        assert result, f"{where}: {actual!r} does not match {expected!r}"
        for name in names:
            self.values[name] = result.group(name)

    def check(self, block, response):
        first, headers, body = split_message(block)
        status = int(first.split()[1])
        assert response.status_code == status, (
            f"{first}: got {response.status_code} {response.text[:400]}"
        )
        for name, value in headers.items():
            self.match_string(value, response.headers.get(name, ""), name)
        if body:
            self.match(json.loads(body), response.json(), "body")


def client_uploads(client_http, values):
    """The client of 10001 registered, uploads a statement and asks a question."""
    transaction.begin()
    mandant = object_for_key("client_number", "10001", "Mandant")
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="erika@example.org",
            username="erika",
            password="Ein-Langes-Passwort-2026!",
        )
        link_user(mandant, "erika")
    transaction.commit()
    client = client_http("erika")
    upload = client.post(
        values["mandat_url"],
        json={
            "@type": "Dokument",
            "title": "Kontoauszug",
            "file": {
                "data": base64.b64encode(b"%PDF-1.4 Auszug").decode(),
                "encoding": "base64",
                "filename": "kontoauszug.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert upload.status_code == 201, upload.text
    message = client.post(
        values["mandat_url"],
        json={"@type": "Nachricht", "title": "Rückfrage", "text": "Reicht der Auszug?"},
    )
    assert message.status_code == 201, message.text


def second_factor_account(client_http, values):
    """A client account ``mueller`` with a second factor; its password and code."""
    transaction.begin()
    portal = api.portal.get()
    make_client(portal, "Müller", "K-100", "100/26", userid="mueller")
    transaction.commit()
    secret, _codes = enable(portal, "mueller")
    values["PASSWORD"] = PASSWORD
    values["OTP"] = code(secret)


RUN_STEPS = {
    "client_uploads": client_uploads,
    "second_factor_account": second_factor_account,
}


def test_every_example_in_the_api_documentation(
    base_url, portal_f, api_token, smtp_sink, client_http
):
    make_client(portal_f, "Dora Doc", "90001", "900/26", userid="mandant_doc")
    configure_mailhost(smtp_sink.port)
    api.portal.set_registry_record("kanzlei.akte.max_upload_mb", 1)
    transaction.commit()
    client_token = portal_f.acl_users.jwt_auth.create_token("mandant_doc")
    transaction.commit()
    values = {
        "TOKEN": api_token,
        "CLIENT_TOKEN": client_token,
        "TOO_LARGE_BASE64": base64.b64encode(b"x" * (1024 * 1024 + 100)).decode(),
        "base": base_url,
    }
    runner = Runner(base_url, values)
    steps = parse(DOC.read_text(encoding="utf-8"))
    assert len(steps) > 30
    for step in steps:
        if step[0] == "run":
            RUN_STEPS[step[1]](client_http, values)
            continue
        _kind, request_block, answer_block = step
        response = runner.request(request_block)
        runner.check(answer_block, response)
