"""Fixtures of the web tests: one headless Chromium per module (tests/support/browser.py)."""
import pytest

from tests.support.browser import ARGS, CHROMIUM


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
