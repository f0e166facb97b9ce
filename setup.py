"""Shim for tools that still want a setup.py; metadata lives in pyproject.toml."""

from setuptools import setup


setup()
