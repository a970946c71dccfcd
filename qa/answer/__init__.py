"""Stage 3, answer: a question and an index in, a short cited answer (or an honest null) out.

question (type, qualifiers 首次/最近/第n次, units, follow-ups) → match (weighted question terms)
→ score (candidate sentences of the retrieved passages; fit: how a span's form fits the question)
with the typed span finders spans
(dates, numbers, percents, ranks), names (people, organizations, titles), lists and numbers
(Chinese numerals) → events (qualifiers choose among dated events) → citations (raw offsets)
→ reading (the trained reader's span, reader/, where the rules have no typed answer) → respond
(choice, conflicts, abstention; confidence: the rules' score as a probability); render prints an
answer for the terminal. Questions are read in simplified characters with one input-method slip
corrected (qa.index.tokens: simplified, corrected).

In: `Index`, question text, optionally a `Reader` (`load_reader`). Out: `Answer` with
`Citation`s and `Conflict`s. Entry point: `answer(index, question, previous, reader)`
(qa.answer.respond), loaded on first use so that `reader/` alone imports without the rules'
libraries (the reader trains on machines that have only torch).
"""
__all__ = ["answer", "load_reader"]


def __getattr__(name: str):
    if name == "answer":
        from qa.answer.respond import answer

        return answer
    if name == "load_reader":
        from qa.answer.reader.serving import load_reader

        return load_reader
    raise AttributeError(name)
