"""Evaluation output: the metrics table on the terminal, a Markdown report of every failure,
and the abstention sweep as a table and a PNG plot."""
from __future__ import annotations

import html
from pathlib import Path

from qa.evaluation.evaluate import Result, failures

LABELS = [
    ("accuracy", "accuracy (contains an accepted answer, short)"),
    ("exact_match", "exact match"),
    ("f1", "F1 (CMRC 2018, characters)"),
    ("citation_accuracy", "citation accuracy (of correct answers)"),
    ("offsets_correct", "answer offsets correct"),
    ("recall@1", "retrieval recall@1 (answer's passage first, then search order)"),
    ("recall@5", "retrieval recall@5 (answer's passage first)"),
    ("mrr", "retrieval MRR (answer's passage first)"),
    ("search_recall@1", "hybrid search alone: recall@1"),
    ("search_recall@5", "hybrid search alone: recall@5"),
    ("search_mrr", "hybrid search alone: MRR"),
    ("abstention", "abstention on unanswerable"),
    ("false_abstention", "false abstention on answerable"),
    ("ece", "expected calibration error of confidence"),
    ("ece_chance", "ECE of a calibrated confidence, chance alone"),
    ("ece_chance_p95", "  the same, 95th percentile"),
    ("errors", "questions where answering broke (see report)"),
]
DETAILED = 1000           # failures written out in full; a reading-set run has thousands


def _fmt(v) -> str:
    return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def metrics_table(m: dict, types: dict[str, dict], threshold: float | None) -> str:
    lines = [f"{m['questions']} questions: {m['answerable']} answerable, {m['unanswerable']} unanswerable "
             + (f"(confidence threshold {threshold:.2f})" if threshold is not None else "(the scorer's fitted thresholds)")]
    lines += [f"  {label:<44} {_fmt(m[key])}" for key, label in LABELS]
    lines.append(f"  {'latency ms (median / p95)':<44} {m['latency_ms_median']:.1f} / {m['latency_ms_p95']:.1f}")
    lines.append("")
    lines.append(f"  {'type':<9} {'n':>4} {'accuracy':>9} {'F1':>7} {'unans.':>7} {'abstained':>10}")
    for t, row in types.items():
        lines.append(f"  {t or '?':<9} {row['n']:>4} {_fmt(row['accuracy']):>9} {_fmt(row['f1']):>7} "
                     f"{row['unanswerable']:>7} {_fmt(row['abstention']):>10}")
    return "\n".join(lines)


def sweep_table(rows: list[dict]) -> str:
    lines = ["  threshold  coverage  acc.answered  accuracy  abstention"]
    lines += [f"  {r['threshold']:>9.2f}  {_fmt(r['coverage']):>8}  {_fmt(r['accuracy_answered']):>12}  "
              f"{_fmt(r['accuracy']):>8}  {_fmt(r['abstention']):>10}" for r in rows]
    return "\n".join(lines)


def write_plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = [r["threshold"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=100)
    for key, label in (("coverage", "coverage (answerable answered)"), ("accuracy_answered", "accuracy of answered"),
                       ("accuracy", "accuracy (all answerable)"), ("abstention", "abstention (unanswerable)")):
        ax.plot(t, [r[key] if r[key] is not None else float("nan") for r in rows], marker=".", label=label)
    ax.set_xlabel("confidence threshold")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title("Abstention sweep")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def reliability_table(rows: list[dict]) -> str:
    lines = ["  confidence   n  mean conf.  right"]
    lines += [f"  {r['low']:.1f}–{r['high']:.1f}  {r['n']:>4}  {_fmt(r['confidence']):>10}  {_fmt(r['accuracy']):>5}"
              for r in rows if r["n"]]
    return "\n".join(lines)


def write_reliability_plot(rows: list[dict], ece: float | None, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    used = [r for r in rows if r["n"]]
    fig, ax = plt.subplots(figsize=(4.8, 4.2), dpi=100)
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfectly calibrated")
    ax.bar([(r["low"] + r["high"]) / 2 for r in used], [r["accuracy"] for r in used], width=0.09, alpha=0.6,
           label="share right in the bin")
    ax.plot([r["confidence"] for r in used], [r["accuracy"] for r in used], marker="o", color="C1", label="mean confidence")
    for r in used:
        ax.annotate(str(r["n"]), ((r["low"] + r["high"]) / 2, r["accuracy"]), ha="center", va="bottom", fontsize=7)
    ax.set_xlabel("confidence")
    ax.set_ylabel("right")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(f"Reliability (ECE {ece:.3f})" if ece is not None else "Reliability")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _md(text) -> str:
    """Escape for a Markdown table cell or line: corpus and question text are data."""
    return html.escape(str(text)).replace("|", "\\|").replace("\n", " ")


def write_report(results: list[Result], table: str, sweep: str, plot: Path | None, path: Path,
                 calibration: str = "", calibration_plot: Path | None = None) -> None:
    failed = failures(results)
    out = ["# Evaluation report", "", "```", table, "```", "", "## Abstention sweep", "", "```", sweep, "```", ""]
    if plot:
        out += [f"![sweep]({plot.name})", ""]
    if calibration:
        out += ["## Reliability of the confidence", "",
                "Every question's best answer (given, or the best guess when abstaining) by its confidence; "
                "an unanswerable question's guess counts as wrong.", "", "```", calibration, "```", ""]
    if calibration_plot:
        out += [f"![reliability]({calibration_plot.name})", ""]
    broken = [(r, why) for r, why in failed if r.answer.errors]
    failed = broken + [(r, why) for r, why in failed if not r.answer.errors]   # errors first: they are bugs
    out += [f"## Failures ({len(failed)})", ""]
    if broken:
        out += [f"{len(broken)} of them are errors (answering broke; listed first).", ""]
    if not failed:
        out.append("None.")
    if len(failed) > DETAILED:
        out += [f"The first {DETAILED} are shown; every answer is in the predictions file.", ""]
    for r, why in failed[:DETAILED]:
        a = r.answer
        out += [
            f"### {_md(r.item.id)} — {why}",
            "",
            f"- question: {_md(r.item.question)}" + (f" (follows {_md(r.item.after)})" if r.item.after else ""),
            f"- understood as: {_md(a.resolved_question)} — type {a.question_type}",
            f"- expected: {_md(' / '.join(r.item.answers) or '(no answer: abstain)')} from {_md(', '.join(r.item.docs) or '-')}",
            _got(a),
        ]
        for k in a.conflicts:
            out.append(f"- conflict: {_md(k.answer)} in {_md(k.citation.doc)}")
        if a.citations:
            c = a.citations[0]
            out.append(f"- cited: {_md(c.doc)} «{_md(c.title)}» [{c.start}:{c.end}] {_md(c.quote)}")
        out.append("- top passages:")
        for p in a.passages[:3]:
            out.append(
                f"  search #{p.rank}. {_md(p.chunk.doc)} «{_md(p.chunk.title)}» score {p.score:.3f} "
                f"(bm25 #{p.bm25_rank}, dense #{p.dense_rank}): {_md(p.chunk.text[:140])}"
            )
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def _got(a) -> str:
    """What was answered, or that it abstained, with the threshold that decided it (a question
    answered at 0.33 beside one refused at 0.26 reads as a contradiction without it)."""
    threshold = (a.decision or {}).get("threshold")
    limit = f", threshold {threshold:.2f}" if isinstance(threshold, (int, float)) else ""
    if a.answer is not None:
        return f"- got: {_md(a.answer)} (confidence {a.confidence:.3f}{limit})"
    return f"- got: no answer (confidence {a.confidence:.3f}{limit}; best guess {_md(a.best_guess)})"
