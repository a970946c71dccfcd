"""What the browser tests share: Debian's Chromium (never a downloaded one) with the flags these
machines need, where screenshots go, and asking the chat a question the way a person does."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
OUT = ROOT / "test-output"
REPLY = "#qa-chat .qa-reply"


def require_chromium() -> None:
    """Skip the calling module without Chromium; on CI its absence is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing on CI: install the Debian package chromium (see .ci/run)", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk to run the browser tests",
                    allow_module_level=True)


def ask(where, question: str, replies_before: int = 0) -> None:
    box = where.locator("#qa-input textarea")
    box.fill(question)
    box.press("Enter")
    where.locator(REPLY).nth(replies_before).wait_for(timeout=30000)
