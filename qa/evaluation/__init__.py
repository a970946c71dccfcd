"""Stage 4, evaluation: a gold question file and an index in, metrics and a report out.

evaluate (gold loading, CMRC 2018 exact match and character F1, citation and offset checks,
retrieval recall, abstention, the threshold sweep) → report (terminal table, Markdown report
of every failure, sweep plot).

In: `Index`, `GoldItem`s (CONTRACT.md format). Out: `Result`s and their summary. Entry point:
`evaluate(index, gold)` (qa.evaluation.evaluate).
"""
from qa.evaluation.evaluate import evaluate

__all__ = ["evaluate"]
