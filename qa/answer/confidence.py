"""The answer's probability in words: what the chat shows for a `confidence`.

`confidence` is the answer scorer's calibrated probability that the answer is right
(qa.answer.scorer), one scale for every answer, citation score and threshold. Entry point: `band(p)`.
"""
from __future__ import annotations

# What the chat says for a probability (the number shows on tap and hover). Lower bounds, highest first.
BANDS = (
    (0.80, "高"),   # the scorer's probability of being right; on held-out sets ≥ 0.80 was right 9 times in 10 or more
    (0.60, "中"),   # more often right than not, worth checking the quote
    (0.00, "低"),   # given because it clears the threshold, but read the quote
)


def band(probability: float) -> str:
    return next(word for bound, word in BANDS if probability >= bound)
