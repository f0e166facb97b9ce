"""``make bench``: run the benchmarks in bench/ with pytest and print the table.

The benchmarks print figures and ratios against a peer measured in the same run; they
assert nothing about speed and are not part of ``make test`` (which collects tests/).
Extra arguments go to pytest, e.g. ``.venv/bin/python bench/run.py -k upload``.
"""

import os
import sys


def main(argv):
    import pytest

    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(os.path.dirname(here))
    return pytest.main([here, "-s", "-q", "-p", "no:warnings", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
