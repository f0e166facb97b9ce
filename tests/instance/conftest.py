"""Helpers for the tests of the instance tooling (config, render, start)."""

from tests.instance.running import REPO

import os
import pytest
import shutil


@pytest.fixture
def clean_env(monkeypatch):
    """No AKTE_* variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("AKTE_"):
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
def instance_dir(tmp_path):
    """A throw-away copy of instance/templates (render writes etc/ next to them)."""
    instance = tmp_path / "instance"
    shutil.copytree(REPO / "instance" / "templates", instance / "templates")
    return instance
