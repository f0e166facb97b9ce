"""examples/akte_client.py works against the server (so the example stays right)."""

from pathlib import Path

import importlib.util
import pytest


def load_example():
    path = Path(__file__).parents[2] / "examples" / "akte_client.py"
    spec = importlib.util.spec_from_file_location("akte_client", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_client(base_url, api_token, tmp_path):
    example = load_example()
    akte = example.AkteClient(base_url, api_token)
    akte.INLINE_LIMIT = 1000  # send the second file by TUS
    assert akte.mandant("40001", title="Beispiel GmbH", client_type="firma")["created"]
    assert akte.mandat("400/26", client_number="40001", title="Vertrag")["created"]
    small = tmp_path / "brief.pdf"
    small.write_bytes(b"%PDF-1.4 Brief")
    large = tmp_path / "anlage.pdf"
    large.write_bytes(b"%PDF-1.4 " + b"A" * 5000)
    assert akte.dokument("E-1", file_number="400/26", path=small)["file"]["size"] == 14
    tus_doc = akte.dokument("E-2", file_number="400/26", path=large)
    assert tus_doc["file"]["size"] == 5009
    assert akte.dokument("E-2", file_number="400/26", path=large)["changed"] == []
    assert akte.status("40001")["registration_state"] == "kein_zugang"
    assert list(akte.eingang()) == []
    with pytest.raises(example.AkteError) as error:
        akte.mandat("400/26", client_number="49999")
    assert error.value.status == 409
