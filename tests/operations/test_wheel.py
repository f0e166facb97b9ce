"""``pip install kanzlei.akte`` into an existing Plone 6.2 (issue 13 §2).

The add-on's install requirements name no deployment parts (no exact Plone pin, no
aiosmtpd, ZEO, RelStorage): those are the extras ``instance`` / ``postgres``. Here,
offline (uv's cache, as ``uv sync`` left it):

1. the wheel is built from the checkout (``uv build --wheel``);
2. a fresh venv gets a plain Plone 6.2: exactly the locked packages ``Plone`` needs
   (``uv export --format pylock.toml``, cut down to Plone's dependency closure);
3. the wheel goes in with the locked versions of the few packages it adds;
   ``uv pip check`` confirms every requirement of every installed package is met;
4. in a plain Zope instance of that venv (``mkwsgiinstance``) a Plone site is created
   and the add-on installed through Plone's add-on installer; every module of the
   package imports (but the test layers, ``testing.py``: they need the test extra),
   none of them loads a deployment part.
"""

from pathlib import Path
from tests.instance.running import REPO
from tests.operations.commands import output_of

import json
import os
import pytest
import subprocess
import sys
import tomllib


pytestmark = pytest.mark.timeout(600)
DEPLOYMENT_PARTS = ("aiosmtpd", "zeo", "relstorage", "psycopg2-binary")
SITE_SCRIPT = """
import importlib, json, pkgutil, sys, transaction
from AccessControl.SecurityManagement import newSecurityManager
from plone.distribution.api import site as site_api
from Products.CMFPlone.utils import get_installer
from zope.component.hooks import setSite

admin = app.acl_users.getUser("admin").__of__(app.acl_users)
newSecurityManager(None, admin)
answers = {"site_id": "plain", "title": "Plone", "description": "",
           "default_language": "de", "portal_timezone": "Europe/Berlin",
           "setup_content": False}
site = site_api.create(app, "classic", answers)
setSite(site)
installer = get_installer(site)
installer.install_product("kanzlei.akte")
transaction.commit()
import kanzlei.akte
# the test layers (testing.py) need the test extra (plone.app.testing)
modules = [name for _, name, _ in pkgutil.walk_packages(
    kanzlei.akte.__path__, "kanzlei.akte.") if not name.endswith(".testing")]
for name in modules:
    importlib.import_module(name)
print("RESULT " + json.dumps({
    "installed": installer.is_product_installed("kanzlei.akte"),
    "version": site.portal_setup.getLastVersionForProfile("kanzlei.akte:default"),
    "types": sorted(site.portal_types.objectIds()),
    "modules": len(modules),
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in
                     ("aiosmtpd", "ZEO", "relstorage", "psycopg2")),
}))
"""


def uv(*args):
    """``uv ARGS`` offline (nothing from the network) in the checkout."""
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_OFFLINE": "1"}
    return output_of(["uv", *args], cwd=REPO, env=env)


def closure(lock, root):
    """The names of ``root`` and everything it needs in uv.lock (with extras)."""
    packages = {package["name"]: package for package in lock["package"]}
    seen, todo = set(), [(root, ())]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        package = packages[name]
        needs = list(package.get("dependencies", []))
        for extra in extras:
            needs += package.get("optional-dependencies", {}).get(extra, [])
        todo += [(need["name"], tuple(need.get("extra", ()))) for need in needs]
    return {name for name, _extras in seen}


def pylock_of(pylock: Path, names, target: Path):
    """``pylock`` cut down to the packages in ``names`` (one [[packages]] each)."""
    head, *blocks = pylock.read_text().split("\n[[packages]]\n")
    kept = [block for block in blocks if tomllib.loads(block)["name"] in names]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n[[packages]]\n".join([head, *kept]))
    return target


def installed(python):
    out = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m, json; print(json.dumps("
            "{d.metadata['Name'].lower(): d.version for d in m.distributions()}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def test_the_wheel_installs_into_a_plain_plone(tmp_path):
    wheels = tmp_path / "dist"
    uv(
        "build",
        "--wheel",
        "--no-build-isolation",
        "--python",
        sys.executable,
        "--out-dir",
        wheels,
    )
    [wheel] = wheels.glob("kanzlei_akte-*.whl")

    lock = tomllib.loads((REPO / "uv.lock").read_text())
    plone = closure(lock, "plone")
    ours = closure(lock, "kanzlei-akte") - {"kanzlei-akte"}
    assert not set(DEPLOYMENT_PARTS) & ours  # no extra needed by the add-on
    export = tmp_path / "export" / "pylock.toml"
    export.parent.mkdir()
    uv(
        "export",
        "--frozen",
        "--format",
        "pylock.toml",
        "--no-emit-project",
        "-o",
        export,
    )

    venv = tmp_path / "plain"
    python = venv / "bin" / "python"
    uv("venv", "--python", sys.executable, venv)  # uv takes its base Python
    uv(
        "pip",
        "install",
        "--python",
        python,
        "-r",
        pylock_of(export, plone, tmp_path / "plone" / "pylock.toml"),
    )
    before = installed(python)
    assert before["plone"] == "6.2.2" and "collective.easyform" not in before
    uv(
        "pip",
        "install",
        "--python",
        python,
        "-r",
        pylock_of(export, ours - plone, tmp_path / "adds" / "pylock.toml"),
    )
    uv("pip", "install", "--python", python, "--no-deps", wheel)
    uv("pip", "check", "--python", python)
    after = installed(python)
    assert not set(DEPLOYMENT_PARTS) & set(after), sorted(set(after) - set(before))
    assert {name: after[name] for name in before} == before  # Plone stays as it was

    instance = tmp_path / "instance"
    subprocess.run(
        [venv / "bin" / "mkwsgiinstance", "-d", instance, "-u", "admin:geheim-123"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    script = tmp_path / "site.py"
    script.write_text(SITE_SCRIPT)
    result = subprocess.run(
        [venv / "bin" / "zconsole", "run", instance / "etc" / "zope.conf", script],
        capture_output=True,
        text=True,
        timeout=400,
        env={k: v for k, v in os.environ.items() if not k.startswith("AKTE_")},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    [line] = [x for x in result.stdout.splitlines() if x.startswith("RESULT ")]
    report = json.loads(line.removeprefix("RESULT "))
    assert report["installed"] is True
    metadata = REPO / "src/kanzlei/akte/profiles/default/metadata.xml"
    assert f"<version>{report['version'][0]}</version>" in metadata.read_text()
    assert {"Mandant", "Mandat", "Dokument", "Nachricht"} <= set(report["types"])
    assert report["modules"] > 50
    assert report["loaded"] == []  # nothing of the deployment parts imported
