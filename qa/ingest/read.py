"""Read one corpus file into text, or say in one sentence why it was skipped.

Offsets everywhere refer to the text returned here: the decoded file for .txt/.md, the
extracted plain text for .html and .pdf (those formats have no usable character offsets
of their own).
"""
from __future__ import annotations

import html.parser
import io
import re
from dataclasses import dataclass, field

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_BYTES = 20 * 1024 * 1024
# A PDF's pages and extracted text, bounded because a small file can expand: 20,000 pages fit in
# 7 MB, one stream can inflate to hundreds of MB. A month of a 16-page daily is ~500 pages.
MAX_PDF_PAGES = 2000
MAX_TEXT_CHARS = 5_000_000   # characters extracted: ~10 times the longest seed file's text


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    # raw line numbers the format marks as headings (markdown `#`, html <h1>-<h3>)
    heading_lines: frozenset[int] = field(default_factory=frozenset)
    # raw offsets of format markup (markdown `#`, `**`) that cleaning must drop
    markup: frozenset[int] = field(default_factory=frozenset)


class Skip(Exception):
    """The file cannot be used; str() is the reason shown to the operator."""


def read_file(name: str, data: bytes) -> RawText:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUPPORTED:
        raise Skip(f"unsupported file type {suffix or '(none)'}; allowed: {', '.join(SUPPORTED)}")
    if len(data) > MAX_BYTES:
        raise Skip(f"file is {len(data) // 1024 // 1024} MB, above the {MAX_BYTES // 1024 // 1024} MB limit; split it")
    if not data.strip():
        raise Skip("file is empty")
    if suffix == ".pdf":
        return _read_pdf(data)
    text, encoding = decode(data)
    if suffix in (".html", ".htm"):
        return _read_html(text, encoding)
    if suffix == ".md":
        return _read_markdown(text, encoding)
    return RawText(text, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; binary is refused."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return _checked(data.decode("utf-16")), "utf-16"
    if b"\x00" in data[:8192]:
        raise Skip("file looks binary (it holds NUL bytes), not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text), "utf-8" if encoding == "utf-8-sig" else encoding
    raise Skip("file is neither UTF-8 nor GB18030 text; save it as UTF-8")


def _checked(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text) // 100):
        raise Skip("file looks binary (many control characters), not text")
    if not text.strip():
        raise Skip("file is empty")
    return text


_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__")


def _read_markdown(text: str, encoding: str) -> RawText:
    markup: set[int] = set()
    headings: set[int] = set()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for m in _MD_HEADING.finditer(text):
        markup.update(range(m.start(), m.start() + len(m.group(1))))
        headings.add(_line_of(line_starts, m.start()))
    for m in _MD_EMPHASIS.finditer(text):
        markup.update(range(m.start(), m.end()))
    return RawText(text, encoding, frozenset(headings), frozenset(markup))


def _line_of(line_starts: list[int], offset: int) -> int:
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


class _HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6",
             "header", "footer", "blockquote", "pre", "table", "ul", "ol", "figcaption", "title"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.headings: set[int] = set()
        self._skip = 0
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self._break()
            self._in_heading = tag in ("h1", "h2", "h3")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            if self._in_heading and self.lines[-1].strip():
                self.headings.add(len(self.lines) - 1)
            self._in_heading = False
            self._break()

    def handle_data(self, data):
        if not self._skip:
            self.lines[-1] += re.sub(r"\s+", " ", data)

    def _break(self):
        if self.lines[-1].strip():
            self.lines.append("")


def _read_html(source: str, encoding: str) -> RawText:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    # blank line between blocks, so each block is its own paragraph
    lines: list[str] = []
    headings: set[int] = set()
    for i, line in enumerate(parser.lines):
        if not line.strip():
            continue
        if i in parser.headings:
            headings.add(len(lines))
        lines.extend([line.strip(), ""])
    text = "\n".join(lines)
    if not text.strip():
        raise Skip("HTML file holds no visible text")
    return RawText(text, encoding, frozenset(headings))


def _read_pdf(data: bytes) -> RawText:
    try:
        from pypdf import PdfReader
    except ImportError as err:  # pragma: no cover - pypdf is a core dependency
        raise Skip(f"cannot read PDF files because pypdf is missing ({err}); reinstall the project") from err
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)  # type: ignore[index]  # a dictionary in a readable PDF   # read at once; walking the pages takes seconds
        if isinstance(declared, int) and declared > MAX_PDF_PAGES:
            raise Skip(f"PDF has {declared:,} pages, more than the {MAX_PDF_PAGES:,} allowed; split it into smaller files")
        if (n := len(reader.pages)) > MAX_PDF_PAGES:   # a file whose count lies
            raise Skip(f"PDF has {n:,} pages, more than the {MAX_PDF_PAGES:,} allowed; split it into smaller files")
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > MAX_TEXT_CHARS:
                raise Skip(f"PDF holds more than {MAX_TEXT_CHARS:,} characters of text; split it into smaller files")
    except LimitReachedError as err:   # pypdf's own bounds: a stream that inflates too far, a cycle of pages
        raise Skip(f"PDF goes over a reading limit ({err}); split it or save the text as .txt") from err
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as err:
        raise Skip(f"PDF could not be read ({type(err).__name__}); re-export it or save the text as .txt") from err
    text = "\n\n".join(pages)
    if not text.strip():
        raise Skip("PDF holds no extractable text (a scan?); save its text as .txt")
    return RawText(text, "pdf")
