"""How a question's candidates agree on where the answer stands: one candidate against the others
that overlap it in the same article. Entry point: `agreement(options)`, used by qa.answer.features.

Why: the reader's spans of one question are near-copies (0.304平方公里, 约为0.304平方公里, 0.304),
and scored one by one they look alike. Where the reader's belief gathers (the mass of its spans
over one place), and whether a candidate is the core the others extend or an extension of it, is
what tells them apart.
"""
from __future__ import annotations

import math

from qa.answer.options import Option

NAN = float("nan")


def agreement(options: list[Option]) -> list[dict[str, float]]:
    """Per option: `read_mass` (share of the reader's belief, a softmax over its spans' margins,
    on spans overlapping this one; NaN when the reader did not read), `mass_inside` and
    `mass_around` (that share on spans strictly inside it / strictly around it), and `overlaps`
    (how many other options, of any source, overlap it)."""
    keys = [o.key for o in options]
    margins = {k: o.proposal.margin for k, o in enumerate(options) if o.proposal is not None}
    top = max(margins.values(), default=0.0)
    raw = {k: math.exp(m - top) for k, m in margins.items()}   # shifted by the best: no overflow
    total = sum(raw.values())
    weight = {k: v / total for k, v in raw.items()} if total else {}
    out = []
    for i, (doc, art, a, b) in enumerate(keys):
        near = [j for j, (d, r, c, e) in enumerate(keys) if j != i and d == doc and r == art and c < b and a < e]
        f = {"overlaps": float(len(near)), "read_mass": NAN, "mass_inside": NAN, "mass_around": NAN}
        if weight:
            f["read_mass"] = weight.get(i, 0.0) + sum(weight.get(j, 0.0) for j in near)
            f["mass_inside"] = sum(weight.get(j, 0.0) for j in near if a <= keys[j][2] and keys[j][3] <= b)
            f["mass_around"] = sum(weight.get(j, 0.0) for j in near if keys[j][2] <= a and b <= keys[j][3])
        out.append(f)
    return out
