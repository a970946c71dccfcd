"""The `qa` command line (also `python -m qa`); interface fixed by CONTRACT.md."""
from __future__ import annotations

import argparse
import os
import sys

from qa.config import Settings, load_settings
from qa.errors import QAError


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        overrides = {"corpus": args.corpus, "index": args.index, "reader": getattr(args, "reader", None),
                     "workers": getattr(args, "workers", None), "backend": args.backend}
        if getattr(args, "threshold", None) is not None:
            overrides["min_confidence"] = args.threshold
        settings = load_settings(overrides)
        return args.run(args, settings)
    except QAError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # never show a traceback to a user; QA_DEBUG=1 shows it
        if os.environ.get("QA_DEBUG"):
            raise
        print(f"error: unexpected {type(err).__name__}: {err} (run with QA_DEBUG=1 for details and report it)", file=sys.stderr)
        return 70


READER_HELP = ("model: the rules' and the trained span reader's candidates compete (default, or $QA_READER); "
               "rules: the rules' alone")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", help="folder of articles (default: corpus/ or $QA_CORPUS)")
    common.add_argument("--index", metavar="DIR", help="index folder (default: index/ or $QA_INDEX)")
    common.add_argument("--backend", choices=["faiss", "milvus"],
                        help="retrieval engine: faiss (embedded, default, or $QA_BACKEND) or milvus ($QA_MILVUS_URI, "
                             "default a milvus-lite database inside the index)")
    parser = argparse.ArgumentParser(prog="qa", description="许昌文明城市问答: extractive, cited answers from news articles.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("build", parents=[common], help="read the corpus and build or update the index")
    p.set_defaults(run=_build)
    p = sub.add_parser("ask", parents=[common], help="answer one question")
    p.add_argument("question", help="the question, e.g. 许昌哪年首次获评全国文明城市？")
    p.add_argument("--json", action="store_true", help="print the answer object of CONTRACT.md")
    p.add_argument("--reader", choices=["model", "rules"], help=READER_HELP)
    p.add_argument("--previous", metavar="QUESTION", help="the previous question, for a follow-up such as 那第二次呢？")
    p.add_argument("--threshold", type=float, metavar="T",
                   help="confidence below which to abstain (default $QA_MIN_CONFIDENCE or the scorer's fitted threshold)")
    p.set_defaults(run=_ask)
    p = sub.add_parser("eval", parents=[common], help="answer a gold question file and print the metrics")
    p.add_argument("--gold", required=True, metavar="FILE", help="gold questions, JSON Lines (CONTRACT.md)")
    p.add_argument("--out", metavar="PRED.jsonl",
                   help="write answers here, a report (.report.md) and the sweep plot (.sweep.png) beside it")
    p.add_argument("--threshold", type=float, metavar="T", help="confidence below which to abstain")
    p.add_argument("--reader", choices=["model", "rules"], help=READER_HELP)
    p.set_defaults(run=_eval)
    p = sub.add_parser("fit", parents=[common],
                       help="refit the answer scorer from every gold set (the console's reviewed lines too)")
    p.add_argument("--reading", metavar="DIR", default="eval/out/cmrc-trial",
                   help="the CMRC trial folder of eval/reading_sets.py (default eval/out/cmrc-trial)")
    p.add_argument("--out", metavar="FILE",
                   help="where to write the scorer (default: the package's qa/answer/trained/scorer.json)")
    p.add_argument("--force", action="store_true",
                   help="write the new scorer even when the shipped one scores higher on the held-out sets")
    p.set_defaults(run=_fit)
    p = sub.add_parser("serve", parents=[common], help="the web app: chat page, REST API and widget")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1 or $QA_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (default 7860 or $QA_PORT)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="server processes sharing the port (default 1 or $QA_WORKERS; about one per CPU core)")
    p.add_argument("--reader", choices=["model", "rules"], help=READER_HELP)
    p.set_defaults(run=_serve)
    p = sub.add_parser("feedback", parents=[common], help="feedback given in the chat")
    p.add_argument("action", choices=["export"], help="export: write 👎 answers as candidate gold lines")
    p.add_argument("--out", metavar="FILE", help="where to write (default: standard output)")
    p.set_defaults(run=_feedback)
    p = sub.add_parser("export-reader", parents=[common],
                       help="write the trained reader as a Hugging Face BertForQuestionAnswering folder")
    p.add_argument("folder", metavar="DIR", help="where to write config.json, model.safetensors and the tokenizer (~490 MB)")
    p.set_defaults(run=_export_reader)
    p = sub.add_parser("admin", parents=[common], help="the operator console at /admin")
    p.add_argument("action", choices=["set-password", "unlock"],
                   help="set-password: turn the console on (or change its password); reads it from standard input "
                        "when that is not a terminal. unlock: forget failed logins at once (all, or --client's), "
                        "for an operator locked out by someone sharing the address")
    p.add_argument("--client", metavar="ADDR", help="unlock: only this address (as the server log shows it)")
    p.set_defaults(run=_admin)
    return parser


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from qa.index.build import build

    report = build(settings, progress=lambda msg: print(f"  … {msg}", file=sys.stderr, flush=True))
    print(f"Read {settings.corpus}/")
    for f in report.files:
        print(f"  {f.name}: {_count(len(f.titles), 'article')}, {f.characters:,} characters, "
              f"{_count(f.chunks, 'chunk')} ({f.change})")
        for i, title in enumerate(f.titles, 1):
            print(f"      {i}. {title}")
    for name, why in report.skipped:
        print(f"  skipped {name}: {why}")
    for name in report.removed:
        print(f"  removed {name}: no longer in the corpus")
    print(f"Index written to {settings.index}/: {len(report.files)} files, {report.articles} articles, "
          f"{report.chunks} chunks, {report.sentences} sentences; embedded {report.embedded} chunks, "
          f"reused {report.reused}; {settings.embedder}, {report.vector_index} ({report.seconds:.1f} s).")
    return 0


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from qa.answer.reader.serving import load_reader
    from qa.answer.respond import answer
    from qa.index.open import open_index
    from qa.limits import checked

    question, previous = checked(args.question, args.previous)  # refuse bad input before any loading
    index = open_index(settings)
    a = answer(index, question, previous, load_reader(settings.reader))
    if args.json:
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=1))
        return 0
    from qa.answer.render import as_text

    print(as_text(a, lambda doc: index.sources[doc].text if doc in index.sources else None))
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from pathlib import Path

    from qa.answer.reader.serving import load_reader
    from qa.evaluation.evaluate import (by_type, evaluate, expected_calibration_error, load_gold, prediction_rows,
                                        reliability, summary, sweep)
    from qa.index.open import open_index
    from qa.evaluation.report import (metrics_table, reliability_table, sweep_table, write_plot, write_reliability_plot,
                                      write_report)

    gold = load_gold(Path(args.gold))
    out = Path(args.out) if args.out else None
    if out and not out.parent.is_dir():
        raise QAError(f"folder {out.parent} for --out does not exist; create it or choose another path")
    def progress(n: int, total: int) -> None:
        if n % 500 == 0 and n < total:
            print(f"  … answered {n}/{total} questions", file=sys.stderr, flush=True)

    index = open_index(settings)
    gone = sorted({d for g in gold for d in g.docs} - set(index.sources))
    if gone:   # e.g. a console gold line whose article was deleted since: it cannot be answered now
        print(f"note: {sum(bool(set(g.docs) & set(gone)) for g in gold)} gold question(s) cite files that are not in "
              f"the corpus: {', '.join(gone[:5])}{' …' if len(gone) > 5 else ''}", file=sys.stderr)
    results = evaluate(index, gold, progress, load_reader(settings.reader))
    table = metrics_table(summary(results), by_type(results), settings.min_confidence)
    rows = sweep(results)
    print(table)
    print("\nAbstention sweep (the answer chosen does not depend on the threshold):")
    print(sweep_table(rows))
    bins = reliability(results)
    print("\nReliability of the confidence (best answer or guess per question):")
    print(reliability_table(bins))
    if out:
        try:
            with out.open("w", encoding="utf-8") as fh:
                for row in prediction_rows(results):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            plot = out.with_suffix(".sweep.png")
            write_plot(rows, plot)
            report = out.with_suffix(".report.md")
            curve = out.with_suffix(".reliability.png")
            write_reliability_plot(bins, expected_calibration_error(bins), curve)
            write_report(results, table, sweep_table(rows), plot, report, reliability_table(bins), curve)
        except OSError as err:
            raise QAError(f"cannot write {out} ({err.strerror}); choose a writable --out path") from None
        print(f"\nWrote {out}, {report}, {plot} and {curve}.")
    return 0


def _fit(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from qa.answer.reader.serving import load_reader
    from qa.answer.scorer import FILE
    from qa.training.refit import refit

    root = Path.cwd()
    if not (root / "eval" / "gold.jsonl").is_file():
        raise QAError("qa fit reads eval/gold.jsonl and the other gold sets: run it in the project folder")
    if args.out and not Path(args.out).parent.is_dir():   # checked before minutes of collecting, as qa eval does
        raise QAError(f"folder {Path(args.out).parent} for --out does not exist; create it or choose another path")
    reader = load_reader("model")
    if reader is None:   # load_reader gives None only for "rules"
        raise QAError("qa fit needs the trained reader")
    refit(root, settings, root / args.reading, reader, root / "eval" / "out" / "scorer",
          Path(args.out) if args.out else FILE, args.force, log=lambda line: print(line, flush=True))
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if settings.workers > 1:
        from qa.web.workers import serve_workers

        serve_workers(settings, args.host, args.port)
    else:
        from qa.web.server import serve

        serve(settings, args.host, args.port)
    return 0


def _feedback(args: argparse.Namespace, settings: Settings) -> int:
    from qa.web.feedback import export

    count = export(settings.data, args.out)
    print(f"exported {count} 👎 answers as candidate gold lines" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def _export_reader(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from qa.answer.reader.export import write_reader_folder

    try:
        folder = write_reader_folder(Path(args.folder))
    except ImportError as err:
        raise QAError(f"exporting the reader needs torch, transformers and safetensors ({err}); install the project") from None
    except OSError as err:
        raise QAError(f"cannot write {args.folder} ({err.strerror or err}); choose a writable folder") from None
    print(f"wrote the trained reader to {folder}: BertForQuestionAnswering.from_pretrained({str(folder)!r}) and "
          "AutoTokenizer load it offline (pair template <s> question </s> passage </s>)", file=sys.stderr)
    return 0


def _admin(args: argparse.Namespace, settings: Settings) -> int:
    import getpass

    from qa.web.auth import set_password

    if args.action == "unlock":
        from qa.web.auth import Attempts
        from qa.web.counters import open_counters

        windows, _ = open_counters(settings.data)
        n = Attempts(windows).clear(args.client)
        print(f"forgot {n} failed login(s){' of ' + args.client if args.client else ''}; the console takes a login at once",
              file=sys.stderr)
        return 0
    if sys.stdin.isatty():
        password = getpass.getpass("operator password (10+ characters): ")
        if getpass.getpass("again: ") != password:
            raise QAError("the two passwords differ; nothing was changed")
    else:
        password = sys.stdin.readline().rstrip("\n")
    path = set_password(settings.data, password)
    print(f"operator password set ({path}); the console is at /admin of a running server, which picks it up at once",
          file=sys.stderr)
    return 0


def _count(n: int, noun: str) -> str:
    """1 article, 2 articles."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
