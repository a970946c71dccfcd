"""👍/👎 feedback from the chat, kept in SQLite under `settings.data` (default `data/feedback.sqlite3`).

`qa feedback export [--out FILE]` turns the 👎 answers into candidate gold lines (the gold
format of CONTRACT.md with `answers: []` left for a maintainer to fill, plus what was
answered, the reader's comment and the cited files), so complaints become test questions.
"""
from __future__ import annotations

import hmac
import json
import os
import secrets
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping

from qa.errors import QAError
from qa.web.sqlite_file import connect, prepare

DB_NAME = "feedback.sqlite3"
KEY_NAME = "feedback.key"   # beside it: the key that seals the answers shown in pages
MAX_COMMENT = 1000
SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    turn TEXT PRIMARY KEY,        -- one answer shown in one chat session
    created REAL NOT NULL,
    updated REAL NOT NULL,
    rating INTEGER NOT NULL,      -- 1 for 👍, -1 for 👎
    question TEXT NOT NULL,       -- as typed
    resolved TEXT NOT NULL,       -- as understood (follow-ups filled in)
    got TEXT,                     -- the answer given, NULL when it abstained
    answer_type TEXT NOT NULL,
    confidence REAL NOT NULL,
    docs TEXT NOT NULL,           -- JSON list of the cited files
    comment TEXT NOT NULL DEFAULT ''
)"""


@dataclass(frozen=True)
class FeedbackStore:
    """A handle on the database file; every call opens its own connection, so the store is
    safe to share between the server's threads and processes (its anchor is only held open)."""
    path: Path
    anchor: sqlite3.Connection | None = field(default=None, compare=False, repr=False)   # see sqlite_file.prepare
    # signs the answers the chat shows (`seal`): the page holds them for 👍/👎, and a rating is
    # only recorded for an answer this server gave, not for one written into a forged event
    key: bytes = field(default=b"", compare=False, repr=False)

    def _connect(self) -> sqlite3.Connection:
        return connect(self.path)   # the table exists: open_store made it once at start

    def seal(self, turn: str, answer: Mapping) -> str:
        """HMAC of what a rating of this shown answer would record."""
        return hmac.new(self.key, json.dumps([turn, *_recorded(answer)], ensure_ascii=False).encode(), "sha256").hexdigest()

    def sealed(self, turn: str, answer: Mapping, seal: object) -> bool:
        """True when `seal` is this server's seal of `turn` and `answer` (never without a key)."""
        try:
            return bool(self.key) and isinstance(seal, str) and hmac.compare_digest(seal, self.seal(turn, answer))
        except (TypeError, ValueError, KeyError, AttributeError):   # an answer object of the wrong shape
            return False

    def rate(self, turn: str, liked: bool, answer: Mapping) -> None:
        """Record (or change) the rating of one shown answer."""
        now = time.time()
        with closing(self._connect()) as con, con:
            con.execute(
                "INSERT INTO feedback (turn, created, updated, rating, question, resolved, got, answer_type, confidence, docs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(turn) DO UPDATE SET rating = excluded.rating, updated = excluded.updated",
                (turn, now, now, 1 if liked else -1, *_recorded(answer)))

    def comment(self, turn: str, comment: str) -> bool:
        """Attach a comment to a rated answer; False when that answer was not rated."""
        with closing(self._connect()) as con, con:
            cur = con.execute("UPDATE feedback SET comment = ?, updated = ? WHERE turn = ?",
                              (comment.strip()[:MAX_COMMENT], time.time(), turn))
            return cur.rowcount == 1

    def disliked(self) -> list[dict]:
        """The 👎 answers, oldest first, as candidate gold lines."""
        if not self.path.is_file():
            return []
        with closing(self._connect()) as con:
            rows = con.execute("SELECT turn, question, resolved, got, answer_type, docs, comment FROM feedback"
                               " WHERE rating < 0 ORDER BY created").fetchall()
        return [gold_line(*row) for row in rows]


    def rated(self, limit: int = 500, turn: str | None = None) -> list[dict]:
        """Every rated answer, newest first (for the operator's review), or the one of `turn`."""
        if not self.path.is_file():
            return []
        where, args = ("WHERE turn = ?", (turn, limit)) if turn is not None else ("", (limit,))
        with closing(self._connect()) as con:
            rows = con.execute("SELECT turn, created, rating, question, resolved, got, answer_type, confidence, docs, comment"
                               f" FROM feedback {where} ORDER BY created DESC LIMIT ?", args).fetchall()
        keys = ("turn", "created", "rating", "question", "resolved", "got", "answer_type", "confidence", "docs", "comment")
        return [{**dict(zip(keys, row)), "docs": json.loads(row[8])} for row in rows]

    def counts(self) -> dict:
        if not self.path.is_file():
            return {"up": 0, "down": 0}
        with closing(self._connect()) as con:
            up, down = con.execute("SELECT COALESCE(SUM(rating > 0), 0), COALESCE(SUM(rating < 0), 0) FROM feedback").fetchone()
        return {"up": up, "down": down}


def gold_line(turn: str, question: str, resolved: str, got: str | None, answer_type: str, docs: str, comment: str) -> dict:
    line = {"id": f"fb-{turn[:12]}", "question": resolved or question, "answers": [],
            "got": got, "comment": comment, "docs": json.loads(docs), "answer_type": answer_type}
    if resolved and resolved != question:
        line["asked"] = question   # a follow-up: the gold question is the stand-alone form
    return line


def _recorded(answer: Mapping) -> tuple:
    """What a rating records of an answer: question, as understood, answer, type, confidence, cited files."""
    docs = list(dict.fromkeys(str(c["doc"]) for c in answer.get("citations") or []))
    got = answer.get("answer")
    return (str(answer.get("question") or ""), str(answer.get("resolved_question") or answer.get("question") or ""),
            None if got is None else str(got), str(answer.get("answer_type") or ""),
            round(float(answer.get("confidence") or 0), 6), json.dumps(docs, ensure_ascii=False))


def _key(data_dir: Path) -> bytes:
    """The data folder's signing key, made by the first server to start: written aside, then
    linked into place, so that workers starting together all read the same one."""
    path = data_dir / KEY_NAME
    if not path.exists():
        aside = data_dir / f".{KEY_NAME}.{os.getpid()}"
        aside.write_bytes(secrets.token_bytes(32))
        aside.chmod(0o600)
        try:
            os.link(aside, path)
        except FileExistsError:
            pass   # another worker was first: use its key
        finally:
            aside.unlink()
    return path.read_bytes()


def open_store(data_dir: Path) -> FeedbackStore:
    """The store in `data_dir`, creating the folder and the table (called once at server start)."""
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        path = Path(data_dir) / DB_NAME
        store = FeedbackStore(path, prepare(path, SCHEMA), _key(Path(data_dir)))
    except (OSError, sqlite3.Error) as err:
        raise QAError(f"cannot open the feedback database in {data_dir} ({err}); set QA_DATA to a writable folder") from None
    return store


def export(data_dir: Path, out: str | Path | None) -> int:
    """Write the 👎 answers as JSON Lines to `out` (standard output when None); return how many."""
    try:
        lines = FeedbackStore(Path(data_dir) / DB_NAME).disliked()
    except sqlite3.Error as err:
        raise QAError(f"cannot read the feedback database in {data_dir} ({err}); is it a qa feedback file?") from None
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if out is None:
        sys.stdout.write(body)
        return len(lines)
    try:
        Path(out).write_text(body, encoding="utf-8")
    except OSError as err:
        raise QAError(f"cannot write {out} ({err.strerror}); choose a writable --out path") from None
    return len(lines)
