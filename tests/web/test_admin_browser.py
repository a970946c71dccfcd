"""The operator console in headless Debian Chromium: log in, upload an article of our own, rebuild
with the progress shown while another client keeps asking, ask what only that article says in the
chat, review a 👎 by selecting the answer with the mouse, delete the article and rebuild."""
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from qa.web.feedback import DB_NAME, FeedbackStore
from tests.conftest import running_server, seed_copy
from tests.support.articles import FESTIVAL   # the same article of our own
from tests.support.browser import ARGS, CHROMIUM, OUT, ask, require_chromium

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "operator pass 2026"
QUESTION = "环湖骑行节是哪个单位主办的？"
require_chromium()


@pytest.fixture(scope="module")
def server(settings, tmp_path_factory):
    base = tmp_path_factory.mktemp("console")
    s = seed_copy(settings, base)
    with running_server(s, tmp_path_factory, QA_CORPUS=str(s.corpus), QA_INDEX=str(s.index), QA_READER="rules") as (url, data):
        r = subprocess.run([sys.executable, "-m", "qa", "admin", "set-password"], input=PASSWORD + "\n", text=True,
                           capture_output=True, env={"QA_DATA": str(data), "PATH": "/usr/bin:/bin"}, cwd=ROOT)
        assert r.returncode == 0 and "admin.json" in r.stderr, r.stderr
        article = base / "cycling_festival.txt"
        article.write_text(FESTIVAL, encoding="utf-8")
        yield url, data, article


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = b.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        yield pg
        b.close()


def _wait_built(page) -> str:
    page.locator("#rebuild:not([disabled])").wait_for(timeout=120000)
    page.locator("#build-text.ok, #build-text.error").wait_for(timeout=120000)
    return page.locator("#build-text").inner_text()


def test_console_flow(page, server):
    url, data, article = server
    page.goto(url + "/admin")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    assert "密码不对" in page.content()
    page.goto(url + "/admin")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator("#files tr").first.wait_for()
    assert page.locator("#files tr").count() == 5 and "000_798ce30fdb9aa4e5.txt" in page.locator("#files").inner_text()

    page.set_input_files("#upload", str(article))
    page.click("#upload-form button[type=submit]")
    page.get_by_text("已上传 cycling_festival.txt").wait_for()
    page.locator("#changed", has_text="cycling_festival.txt").wait_for()   # what changed since the last build

    errors, answered = [], []

    def keep_asking():
        with httpx.Client(timeout=30) as c:
            for _ in range(15):
                r = c.post(url + "/api/ask", json={"question": "许昌哪年首次获评全国文明城市？"})
                (answered if r.status_code == 200 and r.json()["answer"] == "2015年" else errors).append(r.status_code)
                time.sleep(0.2)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    page.click("#rebuild")
    page.locator("#build-progress:not([hidden])").wait_for(timeout=10000)   # the progress bar while it runs
    assert "正在重建" in page.locator("#build-text").inner_text()
    page.screenshot(path=str(OUT / "admin.png"), full_page=True)
    done = _wait_built(page)
    asker.join()
    assert "重建完成" in done and "cycling_festival.txt 新增" in done
    assert errors == [] and len(answered) == 15

    # the new article answers, in the chat and through the API
    chat = page.context.new_page()
    chat.goto(url + "/")
    ask(chat, QUESTION)
    assert chat.locator(".qa-answer").first.inner_text() == "许昌市体育局"
    assert httpx.post(url + "/api/ask", json={"question": QUESTION}).json()["answer"] == "许昌市体育局"
    chat.locator("#qa-chat").get_by_role("button", name="踩").first.click()   # 👎, to review
    for _ in range(50):
        if FeedbackStore(data / DB_NAME).rated():
            break
        time.sleep(0.1)

    # review: open the cited article, select the answer with the mouse, save it as a gold line
    page.reload()
    page.locator("#feedback tr").first.wait_for()
    page.locator("#feedback tr").first.get_by_role("button", name="打开 cycling_festival.txt").click()
    source = page.locator("#source")
    source.wait_for()
    text = source.inner_text()
    start = text.index("许昌市体育局")
    page.evaluate("""([a, b]) => { const n = document.getElementById('source').firstChild;
        const r = document.createRange(); r.setStart(n, a); r.setEnd(n, b);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""", [start, start + len("许昌市体育局")])
    page.click("#save-span")
    page.get_by_text("已写入标准答案：许昌市体育局").wait_for()
    page.locator("#feedback tr").first.get_by_text("已审核：许昌市体育局").wait_for()   # the row says it was handled
    gold = httpx.get(url + "/admin/gold.jsonl", cookies=dict((c["name"], c["value"]) for c in page.context.cookies()))
    assert '"answers": ["许昌市体育局"]' in gold.text and '"docs": ["cycling_festival.txt"]' in gold.text

    # delete it, rebuild: no longer answered
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="删除 cycling_festival.txt").click()
    page.get_by_text("已删除 cycling_festival.txt").wait_for()
    page.click("#rebuild")
    page.locator("#build-text.ok", has_text="cycling_festival.txt 删除").wait_for(timeout=120000)
    assert httpx.post(url + "/api/ask", json={"question": QUESTION}).json()["answer"] is None
    # the status rows follow the switch to the new index without a reload
    page.locator("#status", has_text="5 / 19 / 110").wait_for(timeout=15000)
    # a cited file deleted since: the review says so instead of showing an empty box
    page.locator("#feedback tr").first.get_by_role("button", name="打开 cycling_festival.txt").click()
    page.locator("#review-result.error", has_text="文章可能已删除").wait_for()
    page.click("#logout")
    page.locator("#password").wait_for()
