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
        settings = load_settings({"corpus": args.corpus, "index": args.index})
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


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", help="folder of articles (default: corpus/ or $QA_CORPUS)")
    common.add_argument("--index", metavar="DIR", help="index folder (default: index/ or $QA_INDEX)")
    parser = argparse.ArgumentParser(prog="qa", description="许昌文明城市问答: extractive, cited answers from news articles.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("build", parents=[common], help="read the corpus and build or update the index")
    p.set_defaults(run=_build)
    return parser


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from qa.build import build

    report = build(settings, progress=lambda msg: print(f"  … {msg}", file=sys.stderr, flush=True))
    print(f"Read {settings.corpus}/")
    for f in report.files:
        print(f"  {f.name}: {len(f.titles)} articles, {f.characters:,} characters, {f.chunks} chunks ({f.change})")
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
