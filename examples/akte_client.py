"""A small client of the Online-Akte integration API (docs/api.md), plain ``requests``.

    from akte_client import AkteClient

    akte = AkteClient("https://akte.kanzlei.example/plone", token="akte_...")
    akte.mandant("10001", title="Erika Mustermann", email="erika@example.org",
                 online_access=True)
    akte.mandat("123/26", client_number="10001", title="Mietsache")
    akte.dokument("DOK-4711", file_number="123/26", path="klage.pdf",
                  category="Schriftsatz")
    letter_code = akte.einladen("10001")["activation_code"]
    for item in akte.eingang():
        save(item, akte.download(item))
        akte.abgeholt([item["UID"]])

Command line: ``python akte_client.py URL TOKEN eingang`` prints the inbox.
"""

from pathlib import Path

import base64
import mimetypes
import os
import requests
import sys


class AkteError(Exception):
    def __init__(self, response):
        try:
            body = response.json()
        except ValueError:
            body = {"message": response.text}
        self.status = response.status_code
        self.type = body.get("type")
        self.errors = body.get("errors", [])
        super().__init__(f"{self.status} {self.type}: {body.get('message')}")


class AkteClient:
    CHUNK = 8 * 1024 * 1024  # TUS chunk size
    INLINE_LIMIT = 4 * 1024 * 1024  # larger files go by TUS

    def __init__(self, base_url, token, timeout=60):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update(
            {"Accept": "application/json", "Authorization": f"Bearer {token}"}
        )
        self.timeout = timeout

    def _call(self, method, path, **kwargs):
        url = path if path.startswith("http") else self.base_url + path
        response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise AkteError(response)
        return response

    # clients, mandates, documents (idempotent upserts)

    def mandant(self, client_number, **fields):
        return self._call("PUT", f"/@akte-mandant/{client_number}", json=fields).json()

    def mandat(self, file_number, **fields):
        return self._call(
            "PUT", "/@akte-mandat", json={"file_number": file_number, **fields}
        ).json()

    def mandate(self, items):
        """Many mandates at once (up to 500): [{"file_number": ..., ...}, ...]."""
        return self._call("PUT", "/@akte-mandat", json={"items": items}).json()

    def dokument(self, external_id, path=None, **fields):
        """Create or update a document; ``path``: a local file (large ones by TUS)."""
        body = {"external_id": external_id, **fields}
        if path is not None:
            body["file"] = self.file_spec(path)
        return self._call("PUT", "/@akte-dokument", json=body).json()

    def dokumente(self, items):
        """Many documents at once (up to 500), ``file`` as from file_spec()."""
        return self._call("PUT", "/@akte-dokument", json={"items": items}).json()

    def file_spec(self, path):
        path = Path(path)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.stat().st_size > self.INLINE_LIMIT:
            return {"upload": self.upload(path, content_type), "filename": path.name}
        return {
            "data": base64.b64encode(path.read_bytes()).decode("ascii"),
            "filename": path.name,
            "content-type": content_type,
        }

    def upload(self, path, content_type="application/octet-stream"):
        """TUS upload in chunks; returns the upload id for ``file: {"upload": id}``."""
        path = Path(path)
        size = path.stat().st_size

        def b64(text):
            return base64.b64encode(text.encode("utf-8")).decode("ascii")

        tus = {"Tus-Resumable": "1.0.0"}
        start = self._call(
            "POST",
            "/@akte-upload",
            headers={
                **tus,
                "Upload-Length": str(size),
                "Upload-Metadata": (
                    f"filename {b64(path.name)},content-type {b64(content_type)}"
                ),
            },
        )
        location = start.headers["Location"]
        offset = 0
        with open(path, "rb") as source:
            while offset < size:
                source.seek(offset)
                chunk = source.read(self.CHUNK)
                response = self._call(
                    "PATCH",
                    location,
                    data=chunk,
                    headers={
                        **tus,
                        "Upload-Offset": str(offset),
                        "Content-Type": "application/offset+octet-stream",
                    },
                )
                offset = int(response.headers["Upload-Offset"])
        return location.rsplit("/", 1)[-1]

    # invitations and status

    def einladen(self, client_number, contact=None, **options):
        body = {"client_number": client_number, "contact": contact, **options}
        return self._call("POST", "/@akte-einladung", json=body).json()

    def erneuern(self, client_number, contact=None, **options):
        body = {"client_number": client_number, "contact": contact, **options}
        return self._call("PUT", "/@akte-einladung", json=body).json()

    def widerrufen(self, client_number, contact=None):
        params = {"client_number": client_number}
        if contact:
            params["contact"] = contact
        return self._call("DELETE", "/@akte-einladung", params=params).json()

    def status(self, client_number):
        return self._call("GET", f"/@akte-status/{client_number}").json()

    # inbox

    def eingang(self, since=0, unfetched=True, limit=100):
        """Yields every inbox item after ``since``, page by page."""
        params = {"since": since, "limit": limit}
        if unfetched:
            params["unfetched"] = 1
        page = self._call("GET", "/@akte-eingang", params=params).json()
        while True:
            yield from page["items"]
            if not page["has_more"]:
                return
            page = self._call("GET", page["next"]).json()

    def download(self, item):
        return self._call("GET", item["file"]["download"]).content

    def abgeholt(self, uids):
        return self._call(
            "POST", "/@akte-eingang/fetched", json={"uids": list(uids)}
        ).json()


if __name__ == "__main__":
    url, token, command = sys.argv[1:4]
    client = AkteClient(url, token or os.environ.get("AKTE_TOKEN", ""))
    if command == "eingang":
        for entry in client.eingang():
            print(
                entry["cursor"], entry["@type"], entry["client_number"], entry["title"]
            )
