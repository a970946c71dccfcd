"""Odd files in a corpus: the good ones are indexed, the bad ones reported with a reason."""
import shutil
import subprocess
import sys

from qa.ingest.corpus import ingest
from tests.conftest import CORPUS

GOOD = "003_e242de54cdf6fba9.txt"


def _qa(*args, cwd):
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / GOOD, corpus / GOOD)
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    gb = "许昌市文明办表示，全市共有志愿服务站四百一十三个。\n\n本报记者 张三\n"
    (corpus / "gb18030.txt").write_bytes(gb.encode("gb18030"))
    result = _qa("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{GOOD}: 2 articles" in out
    assert "gb18030.txt: 1 article," in out
    assert "skipped binary.txt: file looks binary" in out
    assert "skipped empty.txt: file is empty" in out
    assert "skipped broken.pdf: PDF could not be read" in out
    assert "skipped notes.docx: unsupported file type .docx" in out
    assert "Traceback" not in out + result.stderr


def test_gb18030_text_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes("许昌荣膺第四届全国文明城市称号。".encode("gb18030"))
    c = ingest(tmp_path)
    assert c.sources["a.txt"].encoding == "gb18030"
    assert c.documents[0].text == "许昌荣膺第四届全国文明城市称号。"


def test_utf8_bom_markdown_and_html_are_read(tmp_path):
    (tmp_path / "a.md").write_bytes("\ufeff# 许昌新闻标题\n\n许昌荣膺**第四届**全国文明城市称号。\n".encode())
    (tmp_path / "b.html").write_text(
        "<html><head><title>x</title><script>alert(1)</script></head><body><h1>文明城市</h1>"
        "<p>许昌 2015 年荣膺全国文明城市称号。</p></body></html>", encoding="utf-8")
    c = ingest(tmp_path)
    md, html = c.documents_of("a.md")[0], c.documents_of("b.html")[0]
    assert md.title == "许昌新闻标题" and md.text == "许昌荣膺第四届全国文明城市称号。"
    assert html.title == "文明城市" and html.text == "许昌2015年荣膺全国文明城市称号。"
    assert "alert" not in html.text


def test_a_corpus_with_nothing_readable_fails_with_one_sentence(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"   \n")
    result = _qa("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no readable article in")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "index" / "current").exists()


def _minimal_pdf(lines):
    """A one-page PDF with the given Latin text lines (Helvetica), written by hand."""
    stream = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_a_real_pdf_is_read_through_pypdf(tmp_path):
    (tmp_path / "report.pdf").write_bytes(_minimal_pdf(["Xuchang was named a National Civilized City in 2015.",
                                                        "It kept the title in 2017 and 2020."]))
    c = ingest(tmp_path)
    assert c.skipped == ()
    doc = c.documents_of("report.pdf")[0]
    assert "Xuchang was named a National Civilized City in 2015." in doc.text
    assert "2017 and 2020." in doc.text


def test_links_and_pipes_are_skipped_never_followed(tmp_path):
    """A link in the corpus to a file outside it must not put that file in the index (it would be
    served on /article and answered from); a FIFO would block the read forever."""
    import os
    outside = tmp_path / "secret.txt"
    outside.write_text("机密：许昌的秘密口令是蓝色海豚。\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / GOOD, corpus / GOOD)
    (corpus / "link.txt").symlink_to(outside)
    os.mkfifo(corpus / "pipe.txt")
    c = ingest(corpus)
    assert set(c.sources) == {GOOD}
    assert dict(c.skipped) == {"link.txt": "is a symbolic link; only regular files inside the corpus folder are read",
                               "pipe.txt": "is not a regular file (a pipe, socket or device); only regular files are read"}
    assert not any("蓝色海豚" in d.text for d in c.documents)
