"""buildout.cfg, the second way to build the instance (issue 13 §5).

``versions.cfg`` is generated from uv.lock (``scripts/buildout_versions.py``) and must
match it. Then zc.buildout runs **offline** (``-o``) in a copy of the checkout: with
``allow-picked-versions = false`` it takes every distribution from the Python it runs
with (the packages uv installed from the lock, in the versions of versions.cfg) and
writes ``bin/instance`` (plone.recipe.zope2instance) and ``bin/python``,
``bin/zconsole``, ``bin/runwsgi`` (zc.recipe.egg). ``instance/start.sh`` with
``AKTE_BIN=bin`` starts the instance it built: same AKTE_* settings, same bootstrap;
the site answers 200.
"""

from tests.conftest import free_port
from tests.instance.running import environment
from tests.instance.running import Instance
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.instance.running import SITE
from tests.instance.running import START_TIMEOUT

import os
import pytest
import secrets
import shutil
import subprocess
import sys


pytestmark = pytest.mark.timeout(START_TIMEOUT + 400)
BUILDOUT = REPO / ".venv" / "bin" / "buildout"
# buildout -o installs nothing new; the pip it calls for `develop = .` is kept off
# the network too (no index, the venv's setuptools): a dead proxy proves it
OFFLINE = {
    "PIP_NO_INDEX": "1",
    "PIP_NO_BUILD_ISOLATION": "0",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
}


def test_versions_cfg_matches_uv_lock():
    result = subprocess.run(
        [sys.executable, REPO / "scripts" / "buildout_versions.py", "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    versions = (REPO / "versions.cfg").read_text()
    assert "\nplone = 6.2.2\n" in versions
    assert "kanzlei" not in versions.split("[versions]", 1)[1]  # develop = .


def test_buildout_offline_builds_an_instance_that_starts(tmp_path):
    checkout = make_checkout(tmp_path)
    for name in ("buildout.cfg", "versions.cfg"):
        shutil.copy2(REPO / name, checkout / name)
    result = subprocess.run(
        [BUILDOUT, "-o", "-c", "buildout.cfg", f"buildout:develop={REPO}"],
        cwd=checkout,
        env={**os.environ, **OFFLINE},
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "Picked" not in result.stdout + result.stderr  # every version pinned
    for script in ("instance", "python", "zconsole", "runwsgi", "repozo"):
        assert (checkout / "bin" / script).exists(), script
    assert not any((checkout / "eggs").rglob("*.whl"))  # nothing downloaded

    password = "Admin-" + secrets.token_urlsafe(12)
    instance = Instance(
        checkout,
        environment(
            AKTE_BIN="bin",
            AKTE_VAR=tmp_path / "var",
            AKTE_PORT=free_port(),
            AKTE_SMTP_PORT=free_port(),
            AKTE_DEMO="0",
            AKTE_ADMIN_PASSWORD=password,
        ),
        tmp_path / "start.log",
    )
    try:
        instance.wait_until_ready()
        page = instance.http.get(f"{instance.url}/{SITE}", timeout=120)
        assert page.status_code == 200, page.text[:2000]
        assert "Online-Akte" in page.text
        assert instance.stop() == 0, instance.output()
    finally:
        instance.kill()
