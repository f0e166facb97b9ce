"""Fixtures of the benchmarks (same layers as tests/conftest.py) and the result table.

Run with ``make bench`` (``bench/run.py``); ``make test`` only collects ``tests/``.
"""

from kanzlei.akte.testing import FUNCTIONAL_TESTING
from kanzlei.akte.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import os
import pytest
import sys


# bench/benchlib.py: timing and memory helpers shared by the benchmark modules.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


# Translations are shipped as .po files; Zope compiles them to .mo at ZCML load time.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
        )
    )
)

ROWS = []


@pytest.fixture(scope="session")
def table():
    """Rows (benchmark, figure, peer, peer figure, ratio, note) for the final table."""
    return ROWS


@pytest.fixture
def base_url(functional):
    return f"http://{functional['host']}:{functional['port']}/plone"


def _render(rows):
    header = ("Benchmark", "ours", "peer", "peer figure", "ratio", "note")
    cells = [header] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter):
    if not ROWS:
        return
    terminalreporter.write_sep("=", "kanzlei.akte benchmarks (ratio = ours / peer)")
    terminalreporter.write_line(_render(ROWS))
