"""Every message id used in the package (Python and page templates) has a German
and an English translation."""

from pathlib import Path

import ast
import kanzlei.akte
import pytest
import re


PACKAGE = Path(kanzlei.akte.__file__).parent
SOURCES = list(PACKAGE.rglob("*.py"))
TEMPLATES = list(PACKAGE.rglob("*.pt"))


def used_msgids():
    ids = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                ids.add(node.args[0].value)
    for path in TEMPLATES:
        ids |= set(re.findall(r'i18n:translate="([^"]+)"', path.read_text()))
    return ids


def catalog(language):
    text = (PACKAGE / f"locales/{language}/LC_MESSAGES/kanzlei.akte.po").read_text()
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"', text, re.M))


def test_msgids_found():
    assert len(used_msgids()) > 80


@pytest.mark.parametrize("language", ["de", "en"])
def test_translated(language):
    messages = catalog(language)
    missing = sorted(m for m in used_msgids() if m not in messages)
    assert not missing
    if language == "en":
        empty = sorted(m for m in used_msgids() if not messages[m])
        assert not empty


def test_english_differs_from_german():
    de, en = catalog("de"), catalog("en")
    assert en["staff_add_documents"] == "Add documents"
    assert de["staff_add_documents"] == "Dokumente hinzufügen"
