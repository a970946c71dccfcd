"""The gold sets the answer scorer is fitted on and judged by, each over its own corpus.
Entry point: `question_rows(sets, reader, cache)`.

Fitted on: the dev and residents' questions, the console's reviewed lines, the calibration half
of the CMRC 2018 trial articles the reader never trained on, and unanswerable questions made
honestly: each corpus's questions asked of the other corpus. Judged by (never fitted): the
held-out seed questions, the team's questions of thin classes (eval/gold_classes.jsonl), the
report half of those CMRC articles, the other city's articles, and the held-out questions asked
of the other corpus.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from qa.answer.reader.serving import Reader
from qa.config import Settings, load_settings
from qa.files import write_text
from qa.ingest import ingest
from qa.evaluation.evaluate import load_gold
from qa.training.scorer_data import QuestionRows, cache_key, code_digest, collect, load, save
from qa.index.open import Index, open_index

# A cross-corpus negative is easy next to a real unanswerable question (the corpus is about
# something else): ~700 of them at full weight against 28 real ones would set the threshold alone.
NEGATIVE_WEIGHT = 0.25
# A seed question asked of the seed corpus without its answering articles is as hard as a real
# unanswerable question (same topic, same words); ~250 of them, so each counts half.
WITHHELD_WEIGHT = 0.5
# A question with one fact changed to one the corpus never names (qa.training.altered) is as hard
# too: half as well (its weight counts in `qa fit`'s held-out comparison).
ALTERED_WEIGHT = 0.5
# A held-out question told after a story is its plain twin's with one sentence more: half, so the twins
# together do not count it thrice in `qa fit`'s held-out comparison
TOLD_WEIGHT = 0.5


# The seed corpus's judge-only sets (eval/gold_<name>.jsonl), each with why it is never fitted.
SEED_JUDGES: dict[str, str] = {
    "events": "the awards asked by their order (第一次 / 第二次 / 最近, 哪天 / 什么时候) in residents' words: fitted on, "
              "the refit answered 15 of 15 new paraphrases (8 before) but not the other city's 第二次, and "
              "held-out utility fell 0.605 → 0.598 (docs/decision-log.md)",
    "classes": "the team's questions of classes the residents asked that the other sets hold few of (who wrote an "
               "article, what office a person holds): fitted on, its 14 lines moved the refit's threshold "
               "0.19 → 0.28 and held-out utility fell 0.568 → 0.564",
    "fresh": "55 questions a helper wrote from its own reading of the articles, never having seen the other sets "
             "(2026-12-05)",
    "unseen": "60 more by another helper (fifteenth session): the shipped scorer had been kept over refits by every "
              "older held-out set, never by this one",
    "later": "50 more by a third helper (twentieth session), written after every choice before it and run once "
             "before anything was changed for it",
    "fifth": "50 more by a fourth helper (twenty-second session), the same way", "sixth": "50 more, residents' chat wording",
    "seventh": "50 more by a sixth helper, a chat with 10 follow-ups", "eighth": "50 more: residents' chat with follow-ups",
    "ninth": "50 more: officials' and journalists' wording; first run at 3191138", "tenth": "50 more: students' phone-style",
    "eleventh": "50 more: stories told before the question, visitors, an editor; first run at bf93690",
    "twelfth": "50 more (twenty-fourth session): grid workers, visitors, teachers, 9 follow-ups; first run at 4214f53",
    "thirteenth": "50 more: shopkeepers and drivers telling a story, officials' requests, fact checkers; first run at 999ad6c",
    "fourteenth": "50 more (twenty-fifth session): students writing a report, elderly residents typing slowly, officials; "
                  "first run at 4d70171",
    "fifteenth": "50 more (twenty-sixth session): voice input (no punctuation, fillers, sound-alike slips, years said in "
                 "words), Henan dialect, journalists checking a fact; first run at 02e348a",
    "sixteenth": "50 more: search-box keyword queries, parents, retired cadres' formal requests; first run at eadae81",
    "seventeenth": "50 more (twenty-seventh session): traditional characters, English words mixed in, what is set aside "
                   "(除了 / 不算), bloggers checking a fact; first run at 71d458a",
    "eighteenth": "50 more (twenty-eighth session): voice slips, comparisons, quotations, reasons and purposes, where, "
                  "how long, abbreviations, long and very short questions; first run at 2f219df",
    "nineteenth": "50 more: numbers in words, misspelled names, Taiwan wording, students, reporters, two facts in one, "
                  "lists, ranks, what is set aside, polite elders, search-box keywords; first run at 148ecc7",
    "twentieth": "50 more (twenty-ninth session): Henan dialect, paraphrase, relative time, which body, which time, "
                 "numbers beside the one asked, typos, pinyin and English words, keywords; first run at bb205c5",
    "twentyfirst": "50 more: what happened on a date, who said it, superlatives, since when, captions; first run at 9b25ba0",
    "twentysecond": "50 more: a chat log's mix, 10 unanswerable, 8 follow-ups; first run at cb5a5c8",
    "twentythird": "50 more (thirtieth session): roles, enumerations, what a body does; first run at e421be7",
    "twentyfourth": "50 more: officials' formal and two-constraint questions, keywords, bylines; first run at e421be7",
    "twentyfifth": "50 more: conversations, 14 follow-ups (attributes, places, times, pronouns); first run at e421be7",
    "twentysixth": "50 more: 16 unanswerable near-misses of printed facts, 6 follow-ups; first run at c3c60c6",
    "twentyseventh": "50 more (thirty-first session): residents typing on a phone (pinyin slips, no punctuation, numerals "
                     "in words, clipped questions, a remark after), 6 follow-ups; first run at 61ec5a3",
    "twentyeighth": "50 more: a teacher and a journalist (formal question words, what a term or a number means, who said "
                    "it, captions, bylines, two constraints), 6 follow-ups; first run at 61ec5a3",
    "twentyninth": "50 more (thirty-second session, first run at c5a314c): a portal help desk and retired officials",
    "thirtieth": "50 more: students and parents on a homework sheet (pinyin slips, half a quotation, why and what for)",
    "thirtyfirst": "50 more, written after the fixes the two before showed: portal visitors of five kinds",
    "thirtysecond": "50 more (thirty-third session, first run at 7b64cd6): a retired volunteer on her phone, 12 follow-ups",
    "thirtythird": "50 more: an official's briefing (qualifiers, offices, headlines, interviews, both values of a pair)",
    "thirtyfourth": "50 more: a student's report in paraphrase (what a term is said to be, what a thing is for, how)",
    "thirtyfifth": "50 more (thirty-fourth session, first run at 0efd292): a newcomer on her phone, 13 follow-ups",
    "thirtysixth": "50 more: a teacher's quiz (one detail of a crowded sentence, lists, ranks, who said it)",
    "thirtyseventh": "50 more: a county official's working register, chains of 3–4 follow-ups, mechanisms and goals",
    "thirtyeighth": "50 more (thirty-fifth session, first run at 48db81b): a retired worker's spoken fillers and scenes",
    "thirtyninth": "50 more: an editor checking a draft (two values at once, printed wording, offices, running totals)",
    "fortieth": "50 more: a junior-high student (是什么意思, 包括什么, slips, lists and their items, 15 follow-ups)",
    "fortyfirst": "50 more, first run after the fixes the three before showed: an investor (two values at once, projects)",
    "fortysecond": "50 more: a radio quiz (A还是B, the third item of a list, half a slogan, who said it, 18 follow-ups)",
    "fortythird": "50 more: a grandmother's voice input (spaces for pauses, homophones, hearsay, 24 follow-ups)",
    "fortyfourth": "50 more (thirty-sixth session, first run at c76d8bd): a grid worker's requests", "fortyfifth": "50 more: "
    "students' written pointers back (该次, 其)", "fortysixth": "50 more: a taxi driver's voice input and his own day",
    "fortyseventh": "50 more (thirty-seventh session, first run at 615d173): a quiz sheet pasted (blanks, A–D options)",
    "fortyeighth": "50 more: hotline operators typing callers' questions (来电人想了解…, 工单：…；诉求：…)",
    "fortyninth": "50 more: a neighbours' group chat pasted (@mentions, quoted replies, emoji codes, bets)",
}


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: Path
    corpus: Path
    index: Path
    negative: bool = False    # asked of a corpus that cannot answer them
    fitted: bool = True       # False: only judges (held out)
    verify: bool = False      # a negative whose answer is still found is left out
    weight: float | None = None   # None: 1, or NEGATIVE_WEIGHT for a negative set


def standard_sets(root: Path, settings: Settings, reading: Path) -> list[GoldSet]:
    """The sets above; `reading`: the folder `eval/reading_sets.py --sets cmrc-trial` wrote."""
    seed = (settings.corpus, settings.index)
    cmrc = (reading / "corpus", reading / "index")
    other = (root / "tests" / "data" / "other_corpus", root / "eval" / "out" / "other-index")
    ev = root / "eval"
    out = [GoldSet("dev", ev / "gold.jsonl", *seed), GoldSet("residents", ev / "gold_residents.jsonl", *seed)]
    out += [GoldSet(name, ev / f"gold_{name}.jsonl", *seed, fitted=False) for name in SEED_JUDGES]
    feedback = settings.data / "gold-from-feedback.jsonl"
    if feedback.is_file() and feedback.stat().st_size:
        out.append(GoldSet("console", feedback, *seed))
    out += [GoldSet("cmrc-calibration", reading / "gold-calibration.jsonl", *cmrc),
            # the same class in the CMRC calibration articles (first / second dated events of a person):
            # judged only; fitted with `events`, the refit still missed the other city's 第二次 and held-out
            # utility was 0.599 against 0.605 (docs/decision-log.md)
            GoldSet("events-cmrc", ev / "gold_events_cmrc.jsonl", *cmrc, fitted=False),
            GoldSet("neg:dev@cmrc", ev / "gold.jsonl", *cmrc, negative=True),
            GoldSet("neg:residents@cmrc", ev / "gold_residents.jsonl", *cmrc, negative=True),
            GoldSet("neg:cmrc-calibration@seed", reading / "gold-calibration.jsonl", *seed, negative=True),
            GoldSet("holdout", ev / "gold_holdout.jsonl", *seed, fitted=False),
            GoldSet("cmrc-report", reading / "gold-report.jsonl", *cmrc, fitted=False),
            GoldSet("other-city", root / "tests" / "data" / "other_gold.jsonl", *other, fitted=False),
            GoldSet("neg:holdout@cmrc", ev / "gold_holdout.jsonl", *cmrc, negative=True, fitted=False),
            GoldSet("neg:cmrc-report@seed", reading / "gold-report.jsonl", *seed, negative=True, fitted=False)]
    # Year alterations of the fitted sets are fitted: `years_unprinted` (a year its file never prints)
    # separates them, and on every answerable gold line with a year (73) the files it names print it.
    # The other alterations stay judged only: fitted on, they raised their own abstention (held-out
    # 0.27 → 0.46–0.64) but cost answerable questions as much (held-out seed accuracy 0.800 →
    # 0.733–0.767, CMRC report F1 0.647 → 0.548–0.625); no feature yet separates a swapped city or
    # 第n次 from a paraphrase (README, How an answer is decided). Held-out sets keep every kind, judged.
    altered = ev / "out" / "altered"
    texts: dict[Path, str] = {}   # each corpus read once
    fitted_golds = (("dev", ev / "gold.jsonl", seed), ("residents", ev / "gold_residents.jsonl", seed),
                    ("cmrc-calibration", reading / "gold-calibration.jsonl", cmrc))
    out += [altered_set(f"neg:{name}-year", gold, corpus, index, altered, texts, kinds=("year",), fitted=True)
            for name, gold, (corpus, index) in fitted_golds]
    out += [altered_set(f"neg:{name}-altered", gold, corpus, index, altered, texts, kinds=("ordinal", "city"))
            for name, gold, (corpus, index) in fitted_golds[:2]]
    out += [altered_set(f"neg:{name}-altered", gold, corpus, index, altered, texts)
            for name, gold, (corpus, index) in (
                ("holdout", ev / "gold_holdout.jsonl", seed),
                ("cmrc-report", reading / "gold-report.jsonl", cmrc))]
    # Held-out questions told after a resident's story (qa.training.told; fitted, they cost CMRC F1)
    out += [told_set(f"told:{name}", gold, *seed, ev / "out" / "told")
            for name, gold in (("holdout", ev / "gold_holdout.jsonl"), ("fresh", ev / "gold_fresh.jsonl"))]
    out += withheld_sets(
        settings,
        ev / "out" / "withheld",
        [
            ("dev", ev / "gold.jsonl", True),
            ("residents", ev / "gold_residents.jsonl", True),
            ("holdout", ev / "gold_holdout.jsonl", False),
        ],
    )
    return out


def altered_set(name: str, gold: Path, corpus: Path, index: Path, folder: Path, texts: dict[Path, str],
                kinds: tuple[str, ...] | None = None, fitted: bool = False) -> GoldSet:
    """The answerable questions of `gold` with one fact (of `kinds`, default every kind) changed to
    one `corpus` never names (qa.training.altered), written to `folder` (rewritten when the gold file
    or corpus changed); `texts` keeps each corpus's text for the next set over it."""

    from qa.training.altered import altered_lines

    path = folder / f"gold-{name.split(':', 1)[1]}.jsonl"
    if gold.is_file() and corpus.is_dir():
        # the articles as the index reads them (every format and encoding, letter spacing joined)
        if corpus not in texts:
            texts[corpus] = "\n".join(f"{d.title}\n{d.subtitle}\n{d.byline}\n{d.text}" for d in ingest(corpus).documents)
        text = texts[corpus]
        _derive(gold, path, lambda lines: altered_lines(lines, text, kinds))
    return GoldSet(name, path, corpus, index, negative=True, fitted=fitted, weight=ALTERED_WEIGHT)


def told_set(name: str, gold: Path, corpus: Path, index: Path, folder: Path) -> GoldSet:
    """The questions of `gold` each told after a story, written to `folder` (rewritten when `gold` changed);
    judged only, at TOLD_WEIGHT."""
    from qa.training.told import told_lines

    path = folder / f"gold-{name.split(':', 1)[1]}.jsonl"
    if gold.is_file():
        _derive(gold, path, told_lines)
    return GoldSet(name, path, corpus, index, fitted=False, weight=TOLD_WEIGHT)


def _derive(gold: Path, path: Path, make) -> None:
    """`path` holds the gold lines `make` derives from `gold`'s; written only when they changed."""
    import json

    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    body = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in make(lines))
    if not path.is_file() or path.read_text(encoding="utf-8") != body:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, body)


def withheld_sets(settings: Settings, folder: Path, golds: list[tuple[str, Path, bool]]) -> list[GoldSet]:
    """Hard negatives: each answerable seed question asked of the seed corpus without the articles
    its gold line names (`docs`), one corpus per distinct set of named files (written here, its
    index built on first use). Questions whose answer the other articles also give are dropped
    when collected (`verify`)."""
    import hashlib
    import json
    import shutil

    files = sorted(p.name for p in settings.corpus.iterdir() if p.is_file())
    out = []
    for name, gold, fitted in golds:
        if not gold.is_file():
            continue
        groups: dict[tuple[str, ...], list[str]] = {}
        for line in gold.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            docs = tuple(sorted(row.get("docs") or ()))
            if row and row.get("answerable", True) and docs and not row.get("after") and set(docs) < set(files):
                groups.setdefault(docs, []).append(line)
        for docs, lines in sorted(groups.items()):
            tag = hashlib.sha256("|".join(docs).encode()).hexdigest()[:8]
            base = folder / tag
            corpus = base / "corpus"
            if not corpus.is_dir():
                (base / "tmp").mkdir(parents=True, exist_ok=True)
                for f in files:
                    if f not in docs:
                        shutil.copy(settings.corpus / f, base / "tmp" / f)
                (base / "tmp").rename(corpus)
            part = base / f"gold-{name}.jsonl"
            text = "\n".join(lines) + "\n"
            if not part.is_file() or part.read_text(encoding="utf-8") != text:
                part.write_text(text, encoding="utf-8")
            out.append(
                GoldSet(
                    f"neg:{name}-without-{tag}",
                    part,
                    corpus,
                    base / "index",
                    negative=True,
                    fitted=fitted,
                    verify=True,
                    weight=WITHHELD_WEIGHT,
                )
            )
    return out


def family(name: str) -> str:
    """The name a set is reported under: the withheld-article negatives of one gold set pool
    (one corpus per answering-article group is a detail of how they are made)."""
    head, sep, tag = name.rpartition("-without-")
    return f"{head}-withheld" if sep and len(tag) == 8 else name


def question_rows(sets: list[GoldSet], reader: Reader, cache: Path, log=print) -> dict[str, list[QuestionRows]]:
    """Every set's rows, from the cache when nothing they depend on changed."""
    indexes: dict[Path, Index] = {}
    out = {}
    code = code_digest()
    for s in sets:
        if not s.gold.is_file() or not s.corpus.is_dir():   # the reading sets are prepared apart (eval/README.md)
            log(f"  {s.name}: {s.gold if not s.gold.is_file() else s.corpus} is missing, skipped")
            continue
        if s.index not in indexes:
            indexes[s.index] = open_index(load_settings({"corpus": s.corpus, "index": s.index}, env={}))
        index = indexes[s.index]
        key = cache_key(index, s.gold, s.name, code)
        path = cache / f"rows-{s.name.replace(':', '_').replace('@', '_')}.jsonl"
        rows = load(path, key)
        if rows is None:

            def progress(n, total, name=s.name):
                if n % 50 == 0 or n == total:
                    print(f"  {name}: {n}/{total}", file=sys.stderr, flush=True)

            weight = s.weight if s.weight is not None else NEGATIVE_WEIGHT if s.negative else 1.0
            rows = collect(index, load_gold(s.gold), reader, s.name, weight, s.negative, progress, s.verify)
            save(path, key, rows)
        out[s.name] = rows
    pooled: dict[str, list[QuestionRows]] = {}
    for name, rows in out.items():
        pooled.setdefault(family(name), []).extend(replace(r, set=family(name)) for r in rows)
    for name, rows in pooled.items():
        log(f"  {name}: {len(rows)} questions, {sum(len(r.full.rows) for r in rows)} candidates")
    return pooled
