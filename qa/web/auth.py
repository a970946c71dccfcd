"""The operator's login for /admin: a salted password hash, a signed session cookie, CSRF tokens
and a per-client limit on login attempts. The console is off until `qa admin set-password`.

The hash is argon2id (argon2-cffi); the password itself is never stored. The session cookie is
signed with a random key kept beside the hash (itsdangerous), expires, and is HttpOnly and
SameSite=Strict; it carries the CSRF token that every state-changing request must echo in the
X-CSRF-Token header. Entry points: `set_password`, `Operator`, `Attempts`.
"""
from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from qa.files import write_text
from qa.errors import QAError
from qa.web.counters import SharedWindows

ADMIN_FILE = "admin.json"     # in the data folder: {"hash": …, "secret": …}
COOKIE = "qa_admin"
SESSION_SECONDS = 8 * 3600    # a working day; then log in again
MIN_PASSWORD = 10             # characters
MAX_PASSWORD = 200
ATTEMPTS = 5                  # failed logins per client …
OFF = "运营后台未开启：请在服务器上运行 qa admin set-password 设置密码后再访问。"
ATTEMPT_WINDOW = 300          # … per 5 minutes, then 429 until the window passes


def set_password(data_dir: Path, password: str) -> Path:
    """Store the hash of a new operator password (and a new cookie key: everyone is logged out)."""
    from argon2 import PasswordHasher

    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise QAError(f"the password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / ADMIN_FILE
        write_text(path, json.dumps({"hash": PasswordHasher().hash(password), "secret": secrets.token_urlsafe(32),
                                     "set_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}),
                   mode=0o600)   # readable by the server's user only
    except OSError as err:
        raise QAError(f"cannot write {data_dir / ADMIN_FILE} ({err.strerror}); set QA_DATA to a writable folder") from None
    return path


class Operator:
    """The configured operator (None from `load` when no password was set: the console is off)."""

    def __init__(self, password_hash: str, secret: str) -> None:
        from itsdangerous import URLSafeTimedSerializer

        self._hash = password_hash
        self._signer = URLSafeTimedSerializer(secret, salt="qa-admin-session")

    @staticmethod
    def load(data_dir: Path) -> Operator | None:
        path = Path(data_dir) / ADMIN_FILE
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Operator(str(data["hash"]), str(data["secret"]))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise QAError(f"{path} cannot be read ({type(err).__name__}); set the password again with "
                          "`qa admin set-password`") from None

    def check(self, password: str) -> bool:
        from argon2 import PasswordHasher
        from argon2.exceptions import InvalidHashError, VerificationError

        if not password or len(password) > MAX_PASSWORD:
            return False
        try:
            return PasswordHasher().verify(self._hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def new_session(self) -> tuple[str, str]:
        """(cookie value, CSRF token)."""
        csrf = secrets.token_urlsafe(24)
        return self._signer.dumps({"csrf": csrf}), csrf

    def session(self, cookie: str | None) -> dict | None:
        """The session a cookie holds, or None (missing, forged or expired)."""
        from itsdangerous import BadSignature

        if not cookie:
            return None
        try:
            data = self._signer.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:   # SignatureExpired is one too
            return None
        return data if isinstance(data, dict) and isinstance(data.get("csrf"), str) else None


def refusal(data_dir: Path, cookie: str | None, csrf: str | None, change: bool) -> tuple[int, str] | None:
    """Why a console request is refused, as (status, sentence): 401 without a session (or with the
    console off), 403 for a change without the session's CSRF token; None to let it in. The one
    check of every /admin/api route, and of an upload's headers before its body is read."""
    op = Operator.load(data_dir)
    s = op.session(cookie) if op else None
    if s is None:
        return 401, "请先登录运营后台。"
    if change and csrf != s["csrf"]:
        return 403, "请求缺少有效的 CSRF 令牌，已拒绝。"
    return None


class Attempts:
    """Failed logins per client in a sliding window, counted by every worker and replica that
    shares the data folder (qa.web.counters)."""
    KIND = "login"

    def __init__(self, windows: SharedWindows, limit: int = ATTEMPTS, window: float = ATTEMPT_WINDOW) -> None:
        self.limit, self.window = limit, window
        self._windows = windows

    def take(self, client: str) -> bool:
        """Count one attempt of `client` before its password is checked, False when it is over the
        limit: counting and checking the count are one transaction, so 20 guesses sent at once get
        at most `limit` password checks."""
        return self._windows.allow(self.KIND, client, self.limit, self.window)

    def clear(self, client: str | None = None) -> int:
        """Forget the attempts of `client` (after a successful login), or of everyone (`qa admin unlock`)."""
        return self._windows.clear(self.KIND, client)
