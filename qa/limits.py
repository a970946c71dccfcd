"""What a request may hold: the one check every entry point (CLI, REST, chat, `answer()`) makes
at its edge, with the same limits, before any work. Entry point: `checked(question, previous)`.

A refusal is an `InputError`: one English sentence (CLI, REST) and its Chinese twin (`zh`, chat).
"""
from __future__ import annotations

import re
import unicodedata

from qa.errors import QAError

MAX_QUESTION = 200     # characters: a question, not a document (the longest gold question has 41)
MAX_PREVIOUS = 400     # the previous turn as understood: a follow-up filled in with its subject grows a little
MAX_BODY = 16 * 1024   # bytes of a REST request: two fields at their limits in JSON escapes stay under 8 kB
MAX_PAGE_BODY = 2 * 1024 * 1024   # bytes of any other request: the chat page posts its history with each turn
EXAMPLE = "许昌哪年首次获评全国文明城市？"

_SPACE = re.compile(r"[\t\n\r\f\v\u0085\u2028\u2029]+")   # line breaks from voice input or a paste: spaces


class InputError(QAError):
    """Bad input, refused at the edge; `zh` says the same for the chat page."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


def checked(question: object, previous: object = None) -> tuple[str, str | None]:
    """The question and previous turn as the pipeline reads them, or an InputError.

    Line breaks and tabs become spaces; invisible format characters (zero-width spaces,
    right-to-left marks, BOMs) are dropped; other control characters, unpaired surrogates and
    non-text are refused, as is anything longer than its limit.
    """
    q = _text(question, "question", "问题", MAX_QUESTION)
    if not q:
        raise InputError(f"the question is empty; type a question such as {EXAMPLE}", f"请输入一个问题，例如：{EXAMPLE}")
    prev = _text(previous, "previous question", "上一个问题", MAX_PREVIOUS) if previous is not None else ""
    return q, prev or None


def _text(value: object, field: str, zh: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InputError(f"the {field} must be a string, not {type(value).__name__}; send text such as {EXAMPLE}",
                         f"{zh}必须是文字。")
    if len(value) > 4 * limit:   # refuse before scanning a megabyte character by character
        raise _too_long(field, zh, len(value), limit)
    bad = next((ch for ch in value if _refused(ch)), None)
    if bad is not None:
        kind = "an unpaired surrogate" if 0xD800 <= ord(bad) <= 0xDFFF else "a control character"
        raise InputError(f"the {field} contains {kind} (U+{ord(bad):04X}), which is not text; remove it and send valid UTF-8",
                         f"{zh}里有无法识别的字符（U+{ord(bad):04X}），请删除后重试。")
    text = _SPACE.sub(" ", value)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    if len(text) > limit:
        raise _too_long(field, zh, len(text), limit)
    return text


def _refused(ch: str) -> bool:
    o = ord(ch)
    if 0xD800 <= o <= 0xDFFF:
        return True
    return unicodedata.category(ch) == "Cc" and not _SPACE.fullmatch(ch)


def _too_long(field: str, zh: str, n: int, limit: int) -> InputError:
    return InputError(f"the {field} has {n} characters, more than the {limit} allowed; send something shorter",
                      f"{zh}有 {n} 字，超过 {limit} 字的上限，请简短一些。")
