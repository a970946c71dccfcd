"""Whether a span offered for a person runs past the name into what the person did: the reader's 王建国开宗明义
for …研究所所长系何人 (picked over the rules' 王建国 at 0.60), 胡五岳强调. Entry point: `runs_past_name(index,
question, option)`; such an option is not offered (qa.answer.decide), the name alone stays where it was found.
Nor is a span that starts or ends inside an idiom (`cuts_idiom`): 宗明义 of 开宗明义 was answered at 0.66 once
王建国开宗明义 was left out.
"""
from __future__ import annotations

from qa.answer.options import Option
from qa.index.record import Index

# a person asked, or a name (…研究所所长，叫什么名字 is read as a title question: 王建国开宗明义 was answered at 0.74)
NAME_ASKED = ("person", "title")
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})   # jieba's person names (nrfg / nrt: a name it knows, a transliteration)
# What a name's predicate is made of: verbs, idioms, set phrases, adverbs, prepositions, particles. Nouns are not
# here: 市委书记胡五岳 / 胡五岳同志 name the person with an office, and such a span may still be the answer.
PREDICATE_TAGS = frozenset({"v", "vd", "vn", "vg", "i", "l", "d", "ad", "p", "u", "uj", "ul", "uz", "ug", "uv", "y"})


def runs_past_name(index: Index, q, o: Option) -> bool:
    """Whether `o`, offered for a person or a name, is a person's name that opens it followed by predicate words only."""
    if q.type not in NAME_ASKED or o.span is None:
        return False
    a, b = o.span.start, o.span.end
    tokens = _words(index, o)
    if not tokens or tokens[0].start != a or tokens[0].flag not in NAME_TAGS:
        return False
    k = next((k for k, t in enumerate(tokens) if t.flag not in NAME_TAGS), len(tokens))
    rest = tokens[k:]
    return bool(rest) and rest[-1].end == b and all(t.flag in PREDICATE_TAGS for t in rest)


NAME_CHARS = (2, 4)   # a Chinese person's name: 王磊, 史根治, 欧阳…
IDIOM_TAGS = frozenset({"i", "l"})   # jieba's idioms and set phrases: four characters said as one
IDIOM_LEAST = 4


def cuts_idiom(index: Index, o: Option) -> bool:
    """Whether `o` starts or ends inside an idiom of its sentence."""
    if o.span is None:
        return False
    a, b = o.span.start, o.span.end
    return any(t.flag in IDIOM_TAGS and len(t.word) >= IDIOM_LEAST and (t.start < a < t.end or t.start < b < t.end)
               for t in _words(index, o))


def only_a_name(index: Index, q, o: Option) -> bool:
    """Whether `o`, offered where an office is asked (他是什么职务), is a person's name and nothing else: a follow-up
    about the person answered before reads that turn's question, not its answer, and 史根治 was answered at 0.41."""
    if not q.office or o.span is None:
        return False
    a, b = o.span.start, o.span.end
    tokens = _words(index, o)
    # a name as the segmenter cuts it: a surname tagged a person, then what it takes for a noun (史|根治)
    return (bool(tokens) and tokens[0].start == a and tokens[-1].end == b and tokens[0].flag in NAME_TAGS
            and NAME_CHARS[0] <= b - a <= NAME_CHARS[1] and all(t.flag in NAME_TAGS or t.flag == "n" for t in tokens))


def _words(index: Index, o: Option) -> list:
    """The tagged words of `o`'s sentence that overlap its span (the sentence's tagging is cached by the tokenizer)."""
    a, b = (o.span.start, o.span.end) if o.span is not None else (0, len(o.sentence.text))
    return [t for t in index.tokenizer.tagged(o.sentence.text) if t.start < b and t.end > a]
