"""Sessions of the matrix's users and the leak detector.

An answer leaks when one of the forbidden strings (lower case) appears in its body
(decompressed when it is gzip or a ZIP, ZIP member names included), in any header
(``Location`` too) or in any answer of a redirect chain. Echoes of what the asker sent
(the path segments and query values of the request) are removed first: knowing what
one typed oneself is no leak.
"""

from dataclasses import dataclass
from dataclasses import field
from urllib.parse import parse_qsl
from urllib.parse import quote
from urllib.parse import unquote
from urllib.parse import urlsplit

import contextlib
import gzip
import io
import requests
import zipfile


TIMEOUT = 30


@dataclass
class Outcome:
    """One probe: who asked what, the status and what leaked."""

    user: str
    method: str
    url: str
    status: int
    leaked: list = field(default_factory=list)

    @property
    def expected_clean(self):
        """Staff probes are the detector's positive control: they must find B."""
        return not self.user.startswith("staff")

    def __str__(self):
        return f"{self.user} {self.method} {self.url} -> {self.status}: {self.leaked}"


class Recorder:
    """Every probe of the session, for the summary of ``tests/security/conftest.py``."""

    def __init__(self):
        self.outcomes = []

    def add(self, outcome):
        self.outcomes.append(outcome)

    @property
    def tried(self):
        return len(self.outcomes)

    @property
    def leaking(self):
        return [o for o in self.outcomes if o.leaked and o.expected_clean]


RECORDER = Recorder()


def cookie_session(base_url, login, password):
    """A browser-like session: the login form's ``__ac`` cookie, HTML accepted."""
    session = requests.Session()
    session.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
    response = session.post(
        f"{base_url}/login",
        data={
            "__ac_name": login,
            "__ac_password": password,
            "kanzlei": "KLXRechtsanwälte",
            "datenbank": "KLX",
            "buttons.login": "Anmelden",
        },
        timeout=TIMEOUT,
    )
    assert "__ac" in session.cookies, (login, response.status_code)
    return session


def jwt_session(base_url, login, password):
    """A REST session with the JWT of ``POST @login``."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    response = session.post(
        f"{base_url}/@login",
        json={"login": login, "password": password},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, (login, response.status_code, response.text)
    session.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return session


def anonymous_session(accept):
    session = requests.Session()
    session.headers["Accept"] = accept
    return session


def expand(body):
    """The readable texts of a body: itself, gunzipped, or a ZIP's names and members."""
    texts = [body]
    if body[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            texts.extend(expand(gzip.decompress(body)))
    if body[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                for info in archive.infolist():
                    texts.append(info.filename.encode("utf-8", "replace"))
                    texts.extend(expand(archive.read(info)))
        except zipfile.BadZipFile:
            pass
    return texts


def answer_texts(response):
    """Headers and bodies of the answer and of every redirect before it, lower case."""
    texts = []
    for answer in [*response.history, response]:
        for name, value in answer.headers.items():
            texts.append(f"{name}: {value}")
        texts.extend(text.decode("utf-8", "replace") for text in expand(answer.content))
    return [text.lower() for text in texts]


def echoes(url, params=None):
    """What the asker sent: path segments and query values (raw and quoted)."""
    parts = urlsplit(url)
    sent = [unquote(s) for s in parts.path.split("/") if s]
    sent += [value for _name, value in parse_qsl(parts.query)]
    for value in (params or {}).values():
        sent += value if isinstance(value, list | tuple) else [value]
    sent = {str(s).lower() for s in sent if len(str(s)) >= 6}
    sent |= {quote(s, safe="").lower() for s in sent}
    return sorted(sent, key=len, reverse=True)


def find_leaks(response, forbidden, params=None):
    found = set()
    first = response.history[0] if response.history else response
    strip = echoes(first.request.url, params)
    for text in answer_texts(response):
        for echo in strip:
            text = text.replace(echo, " ")
        for token in forbidden:
            if token in text or quote(token, safe="").lower() in text:
                found.add(token)
    return sorted(found)


def probe(session, user, url, forbidden, method="GET", params=None, **kwargs):
    """Ask, record the outcome, return it (``outcome.leaked`` lists what leaked)."""
    response = session.request(
        method, url, params=params, timeout=TIMEOUT, allow_redirects=True, **kwargs
    )
    outcome = Outcome(
        user=user,
        method=method,
        url=(response.history[0] if response.history else response).request.url,
        status=response.status_code,
        leaked=find_leaks(response, forbidden, params),
    )
    RECORDER.add(outcome)
    outcome.response = response
    return outcome
