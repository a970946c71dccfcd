"""The one ask path of the web stage, used by the REST API (/api/ask), the chat page and the
widget: the client's rate limit → the input check → the answer from the index in service →
today's counts. Entry point: `Asking.ask(client, question, previous)`."""
from __future__ import annotations

from dataclasses import dataclass

from qa.answer.reader.serving import Reader
from qa.answer.respond import answer
from qa.limits import checked
from qa.models import Answer
from qa.web.live import LiveIndex
from qa.web.ratelimit import TOO_MANY, RateLimit
from qa.web.stats import Stats


class TooMany(Exception):
    """The client asked more than its limit allows; `detail` says the limit (for the API)."""

    def __init__(self, limit: RateLimit):
        super().__init__(TOO_MANY)
        self.detail = f"{TOO_MANY} (more than {limit.limit} questions in {limit.window:.0f} s from this client)"


@dataclass(frozen=True)
class Asked:
    answer: Answer
    result: dict              # the answer object of CONTRACT.md, as counted and as sent


@dataclass(frozen=True)
class Asking:
    live: LiveIndex           # switched to a new version when one is published
    reader: Reader | None = None
    stats: Stats | None = None
    limit: RateLimit | None = None

    def ask(self, client: str, question: str, previous: str | None = None) -> Asked:
        """Answer one question of `client`. Raises TooMany over the limit (the question is not
        counted), InputError for a question the limits refuse, QAError when answering cannot run."""
        if self.limit is not None and not self.limit.allow(client):
            raise TooMany(self.limit)
        question, previous = checked(question, previous)
        a = answer(self.live.get(), question, previous, self.reader)
        result = a.to_dict()
        if self.stats is not None:
            self.stats.record(result)
        return Asked(a, result)
