"""Fixtures of the language tests: the client pages' demo data with an invitation
link and a questionnaire (as for the accessibility tests)."""

from tests.accessibility.conftest import a11y_data  # noqa: F401 (shared demo data)
from tests.client.conftest import akte  # noqa: F401 (shared demo data)

import pytest


@pytest.fixture
def browser_de(chromium):
    """A fresh browser (no cookies) that asks for German, as a new session."""
    contexts = []

    def new_page():
        context = chromium.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield new_page
    for context in contexts:
        context.close()
