"""The rules' score as a probability of being right, and that probability in words.

The rules rank candidates by a score that is not a probability (it can pass 1). A logistic
curve fitted on gold questions (`eval/calibrate_confidence.py`) maps it onto 0–1: the
`confidence` of every answer, the scale of QA_MIN_CONFIDENCE and QA_READER_MIN_CONFIDENCE, and
what the chat shows as 高/中/低. The curve rises with the score, so it keeps the rules' order among answers of one kind.
Entry points: `rules_scale()`, `band(p)`.
"""
from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError

FILE = Path(__file__).with_name("confidence.json")

# What the chat says for a probability (the number shows on hover). Lower bounds, highest first.
BANDS = (
    (0.80, "高"),   # right about 8 times in 10 or more on held-out questions
    (0.60, "中"),   # more often right than not, worth checking the quote
    (0.00, "低"),   # given because it clears the threshold, but read the quote
)


@dataclass(frozen=True)
class Scale:
    slope: float
    bias: float
    fitted_on: str = ""

    def probability(self, score: float) -> float:
        z = self.slope * score + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def rules_scale(path: Path = FILE) -> Scale:
    """The fitted curve shipped with the package (read once per process; it never changes)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        scale = Scale(float(data["slope"]), float(data["bias"]), str(data.get("fitted_on", "")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise QAError(f"the confidence scale {path} cannot be read ({type(err).__name__}); "
                      "refit it with `python eval/calibrate_confidence.py`") from None
    if scale.slope <= 0:
        raise QAError(f"the confidence scale {path} does not rise with the score; refit it")
    return scale


def save_scale(scale: Scale, path: Path = FILE, extra: dict | None = None) -> Path:
    tmp = path.with_suffix(".tmp")
    data = {"slope": scale.slope, "bias": scale.bias, "fitted_on": scale.fitted_on, **(extra or {})}
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def band(probability: float) -> str:
    return next(word for bound, word in BANDS if probability >= bound)
