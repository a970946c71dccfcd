"""Answer metrics that need nothing of the pipeline: CMRC 2018 exact match and character F1 over
normalised text. Light on purpose: the reader's training (also on a GPU machine without the
retrieval libraries) validates with them.
"""
from __future__ import annotations

from qa.answer.textnorm import normalize  # noqa: F401 (answers are compared the way the scorer compares them)


def f1(text: str | None, accepted: tuple[str, ...]) -> tuple[bool, float]:
    """(exact match, best F1) against the accepted answers, character level as in CMRC 2018."""
    if not text or not accepted:
        return False, 0.0
    got = normalize(text)
    best, exact = 0.0, False
    for a in accepted:
        ref = normalize(a)
        exact |= got == ref
        common = _longest_common_substring(got, ref)
        if common:
            p, r = common / len(got), common / len(ref)
            best = max(best, 2 * p * r / (p + r))
    return exact, best


def _longest_common_substring(a: str, b: str) -> int:
    best, prev = 0, [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best
