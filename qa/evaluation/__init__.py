"""Stage 4, evaluation: a gold question file and an index in, metrics and a report out.

metrics (CMRC 2018 exact match and character F1) → evaluate (gold loading, citation and offset
checks, retrieval recall, abstention, the threshold sweep) → report (terminal table, Markdown
report of every failure, sweep plot).

In: `Index`, `GoldItem`s (CONTRACT.md format). Out: `Result`s and their summary. Entry point:
`evaluate(index, gold)` in qa.evaluation.evaluate (not re-exported here: `metrics` alone imports
without the pipeline's libraries).
"""
