"""Hostile PDF files made on the fly (never committed): many pages in a few MB, and a stream that
inflates far beyond its size. Plain PDF syntax with a correct cross-reference table."""
from __future__ import annotations

import zlib


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def many_pages(pages: int) -> bytes:
    """A PDF of `pages` pages that all show one short line of text (one shared content stream)."""
    text = b"BT /F1 12 Tf 10 10 Td (page) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
               b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    return _pdf(objects)


def inflating(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` MB of text-showing operators."""
    squeeze = zlib.compressobj(9)
    line = b"BT /F1 12 Tf 10 10 Td (civilized city) Tj ET\n"
    chunk = line * ((1 << 20) // len(line))
    packed = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 3 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return _pdf(objects)
