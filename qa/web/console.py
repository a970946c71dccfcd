"""What the operator console does, apart from HTTP: who is signed in, the index's status and
files, deleting an article, a file's text, and a reviewed answer written as a gold line.
Entry point: `Console` (set once on `app.state.console` by qa.web.admin, injected into its routes).

Each action returns `(status, body)`: the HTTP status the route answers with and its JSON body,
so a test calls the action with a console of its own, no server.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from qa.answer.scorer import load_scorer
from qa.config import Settings
from qa.files import write_text
from qa.index.manifest import stale_files
from qa.web.auth import COOKIE, Attempts, Operator, refusal
from qa.web.feedback import FeedbackStore
from qa.web.live import LiveIndex, Rebuilder
from qa.web.stats import Stats
from qa.web.uploads import inside

GOLD_FILE = "gold-from-feedback.jsonl"  # in the data folder; `qa eval --gold` takes it
MAX_GOLD_SPAN = 200                     # characters: a reviewed answer is a short span, not a paragraph

Reply = tuple[int, dict]


@dataclass(frozen=True)
class Console:
    settings: Settings
    live: LiveIndex
    rebuilder: Rebuilder
    store: FeedbackStore
    stats: Stats
    attempts: Attempts
    gold_lock: threading.Lock = field(default_factory=threading.Lock, compare=False)

    def operator(self) -> Operator | None:
        return Operator.load(self.settings.data)   # read per request: a new password takes effect at once

    def session(self, cookies: dict[str, str]) -> dict | None:
        op = self.operator()
        return op.session(cookies.get(COOKIE)) if op else None

    def refusal(self, cookies: dict[str, str], csrf: str | None, change: bool) -> Reply | None:
        """401 without a session; 403 for a change without the session's CSRF token (auth.refusal)."""
        why = refusal(self.settings.data, cookies.get(COOKIE), csrf, change)
        return (why[0], {"error": why[1]}) if why else None

    def status(self) -> Reply:
        index = self.live.get()
        m = index.manifest
        return 200, {"version": index.folder.name, "built_at": m.get("built_at"), "model": m.get("embedder"),
                     "files": len(index.sources), "articles": len(index.documents), "chunks": len(index.chunks),
                     "today": self.stats.today(), "feedback": self.store.counts(), "build": self.rebuilder.state(),
                     "scorer_fitted_at": load_scorer().meta.get("fitted_at")}

    def files(self) -> Reply:
        index = self.live.get()
        rows = []
        for name, src in sorted(index.sources.items()):
            docs = [d for d in index.documents.values() if d.doc == name]
            rows.append({"name": name, "chars": len(src.text), "chunks": sum(c.doc == name for c in index.chunks),
                         "articles": [d.shown_title or d.title for d in sorted(docs, key=lambda d: d.index)]})
        return 200, {"files": rows, "skipped": index.manifest.get("skipped", {}),
                     "changed": stale_files(index.manifest, self.settings.corpus)}

    def delete(self, name: str) -> Reply:
        target = inside(self.settings.corpus, name)
        if target is None or not target.is_file():
            return 404, {"error": f"语料中没有文件 {name!r}。"}
        target.unlink()
        return 200, {"deleted": name}

    def rebuild(self) -> Reply:
        started = self.rebuilder.start()
        return (202 if started else 409), {"started": started, "build": self.rebuilder.state()}

    def source(self, doc: str) -> Reply:
        src = self.live.get().sources.get(doc)
        if src is None:
            return 404, {"error": f"没有文件 {doc!r}。"}
        return 200, {"doc": doc, "text": src.text}

    def gold(self, body: dict) -> Reply:
        """A reviewed answer as a gold line: the selected span of a file, or "the corpus does not say"
        (`none`); a second review of the same turn replaces the first."""
        row = next(iter(self.store.rated(1, turn=str(body.get("turn") or ""))), None)
        if row is None:
            return 404, {"error": "没有这条反馈。"}
        line = {
            "id": f"fb-{row['turn'][:12]}",
            "question": row["resolved"] or row["question"],
            "answers": [],
            "docs": [],
            "answerable": False,
            "from": "feedback",
        }
        if not body.get("none"):
            src = self.live.get().sources.get(str(body.get("doc")))
            a, b = body.get("start"), body.get("end")
            if (
                src is None
                or not isinstance(a, int)
                or not isinstance(b, int)
                or not 0 <= a < b <= len(src.text)
                or b - a > MAX_GOLD_SPAN
                or not "".join(src.text[a:b].split())
            ):
                return 400, {"error": f"请在原文中选中答案（不超过 {MAX_GOLD_SPAN} 个字）。"}
            answer = "".join(src.text[a:b].split())
            line.update(answers=[answer], docs=[src.name], answerable=True, evidence_offsets=[a, b])
        with self.gold_lock:
            lines = [x for x in self._gold_lines() if x.get("id") != line["id"]] + [line]
            write_text(self.gold_path(), "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))   # whole or not at all
        return 200, {"written": line, "lines": len(lines)}

    def feedback(self) -> Reply:
        """Every rating, newest first, each with what its review wrote (`reviewed`: the gold answer,
        "" for 资料中没有, None when not reviewed yet), so a handled 👎 does not look untouched."""
        with self.gold_lock:
            written = {x.get("id"): (x.get("answers") or [""])[0] for x in self._gold_lines()}
        rows = [{**r, "reviewed": written.get(f"fb-{r['turn'][:12]}")} for r in self.store.rated()]
        return 200, {"rated": rows}

    def gold_path(self) -> Path:
        return Path(self.settings.data) / GOLD_FILE

    def _gold_lines(self) -> list[dict]:
        """The reviewed gold lines written so far (call under gold_lock)."""
        path = self.gold_path()
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] if path.exists() else []

    def gold_text(self) -> str:
        path = self.gold_path()
        return path.read_text(encoding="utf-8") if path.exists() else ""
