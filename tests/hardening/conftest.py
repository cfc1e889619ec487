"""Fixtures for the hardening tests: the GUI fixtures of tests/ui (a window built through
``create_main_window`` with its own settings file)."""

from tests.ui.conftest import settings, window  # noqa: F401  (fixtures, used by name)
