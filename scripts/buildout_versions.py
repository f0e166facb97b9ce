"""Write versions.cfg (buildout's [versions]) from uv.lock: the same pins, never edited
by hand. Usage: ``python scripts/buildout_versions.py [--check]`` (from the checkout).

``--check`` compares instead of writing (exit code 1 if versions.cfg is stale);
tests/operations/test_buildout.py runs it.
"""

from pathlib import Path

import sys
import tomllib


ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "uv.lock"
TARGET = ROOT / "versions.cfg"
HEADER = """\
# Generated from uv.lock by scripts/buildout_versions.py: do not edit.
# After `uv lock`: python3 scripts/buildout_versions.py
[versions]
"""


def render(lock_text: str) -> str:
    lock = tomllib.loads(lock_text)
    lines = []
    for package in sorted(lock["package"], key=lambda p: p["name"]):
        if "editable" in package["source"] or "virtual" in package["source"]:
            continue  # the project itself (develop = . in buildout.cfg)
        lines.append(f"{package['name']} = {package['version']}")
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render(LOCK.read_text())
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(
                "versions.cfg passt nicht zu uv.lock / is stale:"
                " python3 scripts/buildout_versions.py",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
