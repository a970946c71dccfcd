"""What the operator console accepts as an article upload: the check of the headers made before the
body is read (`upload_gate`), the file's name and content (`checked_upload`, read apart in a child
process), and the atomic write into the corpus folder (`write_inside`)."""
from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request

from qa.files import write_bytes
from qa.config import Settings
from qa.errors import QAError
from qa.ingest.apart import check_apart
from qa.ingest.read import Skip
from qa.web.auth import COOKIE, refusal

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_UPLOAD = 10 * 1024 * 1024          # bytes per request (qa.web.guards refuses bigger bodies unread)
UPLOAD_PATH = "/admin/api/upload"
MAX_FILES = 50                         # files per upload: a batch of a week's articles; each is read apart
MAX_FIELDS = 5                         # the console sends none besides the files
NAME = re.compile(r"[\w\u4e00-\u9fff][\w\u4e00-\u9fff .()（）\-]{0,99}")   # no path parts, no leading dot


def upload_gate(settings: Settings):
    """A check of an upload's headers, made before its body is read (qa.web.guards.BodyLimit):
    (status, sentence) to refuse it, None to let it in. A stranger's 10 MB is never parsed."""
    def gate(scope: dict) -> tuple[int, str] | None:
        request = Request(scope)
        return refusal(settings.data, request.cookies.get(COOKIE), request.headers.get("x-csrf-token"), change=True)
    return gate


def checked_upload(filename: str, data: bytes) -> str:
    """The file's name if it may go into the corpus; else QAError with the reason."""
    if "/" in filename or "\\" in filename or ".." in filename or not NAME.fullmatch(filename):
        raise QAError("文件名只能包含文字、数字、空格和 ._-()，不能含路径")
    if not filename.lower().endswith(UPLOAD_TYPES):
        raise QAError(f"只接受 {' '.join(UPLOAD_TYPES)} 文件")
    if len(data) > MAX_UPLOAD:
        raise QAError(f"文件超过 {MAX_UPLOAD // 1024 // 1024} MB")
    if filename.lower().endswith(".pdf") != data.startswith(b"%PDF-"):
        raise QAError("文件内容与扩展名不符")
    try:
        check_apart(filename, data)   # the same reading as a build, apart: binary, undecodable, empty, scanned, too big
    except Skip as why:
        raise QAError(f"无法读取：{why}") from None
    return filename


def inside(corpus: Path, name: str) -> Path | None:
    """corpus/name when that is a direct child of the corpus folder, else None."""
    if not name or not NAME.fullmatch(name) or ".." in name:
        return None
    target = (corpus / name).resolve()
    return target if target.parent == corpus.resolve() else None


def write_inside(corpus: Path, name: str, data: bytes) -> None:
    target = inside(corpus, name)
    if target is None:
        raise QAError("文件名不合法")
    write_bytes(target, data)   # a half-written upload is never read as an article
