"""The web app in a real browser: headless Debian Chromium (never a downloaded one) via Playwright.

One real server (`python -m qa serve`) on the session index for the whole module, and a second
tiny static server on another port playing the city portal that embeds the widget.
"""
import functools
import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from qa.web.feedback import DB_NAME, FeedbackStore
from tests.conftest import free_port, running_server
from tests.support.browser import OUT, REPLY, ask, require_chromium

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "许昌哪年首次获评全国文明城市？"
require_chromium()


@pytest.fixture(scope="module")
def portal_port():
    return free_port()


@pytest.fixture(scope="module")
def app(settings, tmp_path_factory, portal_port):
    """`python -m qa serve` as a user starts it, default settings; yields (base URL, data folder)."""
    with running_server(settings, tmp_path_factory) as app:
        yield app


def _serve_portal(url: str, port: int, folder: Path):
    demo = (ROOT / "qa/web/static/portal_demo.html").read_text(encoding="utf-8")
    demo = demo.replace('src="/widget.js"', f'src="{url}/widget.js"').replace('src="/widget/"', f'src="{url}/widget/"')
    assert url in demo
    (folder / "index.html").write_text(demo, encoding="utf-8")
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def portal(app, portal_port, tmp_path_factory):
    """The portal demo on another origin, its embeds pointing at the app."""
    server = _serve_portal(app[0], portal_port, tmp_path_factory.mktemp("portal"))
    yield f"http://127.0.0.1:{portal_port}"
    server.shutdown()
    server.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def api_answer(app):
    r = httpx.post(app[0] + "/api/ask", json={"question": QUESTION}, timeout=30)
    assert r.status_code == 200
    return r.json()


def new_page(browser, requests: list, **context):
    page = browser.new_context(**context).new_page()
    page.on("request", lambda r: requests.append(r.url))
    def dialog(d) -> None:
        requests.append("dialog:" + d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return page


def hosts(urls) -> set:
    return {urlsplit(u).netloc for u in urls if not u.startswith(("data:", "blob:", "about:"))}


@pytest.fixture(scope="module")
def chat(browser, app):
    """The chat page after one question: (page, requests made)."""
    url, _ = app
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 1280, "height": 900})
    page.goto(url + "/")
    ask(page, QUESTION)
    page.wait_for_timeout(600)   # let the reply finish rendering before the screenshot
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "chat.png"))
    yield page, requests
    page.context.close()


def test_chat_page_renders_the_answer_offline(chat, api_answer, settings):
    page, requests = chat
    assert page.title() == "许昌文明城市问答"
    assert page.locator(".qa-answer").first.inner_text() == api_answer["answer"]
    # each citation by its article's headline, in the API's order; file names stay in the API
    heads = page.locator(REPLY).first.locator(".qa-cite-head b").all_inner_texts()
    cited = api_answer["citations"] + [x["citation"] for x in api_answer["conflicts"]]
    assert heads == [" ".join(c["title"].split()) for c in cited]
    shown = page.locator(REPLY).first.inner_text()
    assert not [p.name for p in settings.corpus.iterdir() if p.name in shown]
    assert page.locator(REPLY).first.locator("mark").count() >= 1
    assert "[1]" in page.locator(REPLY).first.inner_text()
    assert hosts(requests) == {urlsplit(page.url).netloc}, "every request goes to the app's own host"
    assert (OUT / "chat.png").stat().st_size > 10_000


def test_chat_answers_the_first_title_year_with_a_citation(chat):
    # the acceptance question of the issue: 2015, cited from a file that states it
    page, _ = chat
    first = page.locator(REPLY).first
    assert "2015" in first.locator(".qa-answer").inner_text()
    cited = [c for c in first.locator(".qa-cite").all() if any("2015" in m for m in c.locator("mark").all_inner_texts())]
    assert cited, "a citation marks 2015 in its quote"


def test_citation_link_opens_the_article_at_the_quote(chat, app):
    page, _ = chat
    link = page.locator(REPLY).first.locator("a.qa-open").first
    with page.context.expect_page() as opened:
        link.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.url.startswith(app[0] + "/article/") and article.url.endswith("#hit")
    assert article.locator("#hit").is_visible() and article.locator("mark").count() == 1
    article.close()


def test_follow_up_feedback_and_escaping(chat, app):
    page, requests = chat
    ask(page, "那第二次呢？", 1)
    assert "理解为" in page.locator(REPLY).nth(1).inner_text()
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)> **b**"
    ask(page, evil, 2)
    assert page.locator("#qa-chat .qa-q").nth(2).inner_text() == evil
    assert page.locator("#qa-chat img[src=x]").count() == 0
    assert not [r for r in requests if r.startswith("dialog:")]
    # 👎 on the follow-up answer, with a comment: stored for `qa feedback export`
    page.locator("#qa-chat").get_by_role("button", name="踩").nth(1).click()
    page.locator("#qa-comment textarea").fill("第二次是2017年")
    page.get_by_role("button", name="提交反馈").click()
    page.locator("#qa-comment").wait_for(state="hidden")
    rows = FeedbackStore(app[1] / DB_NAME).disliked()
    assert [r["comment"] for r in rows] == ["第二次是2017年"] and rows[0]["asked"] == "那第二次呢？"
    page.locator("#qa-input textarea").fill("  ")
    page.locator("#qa-input textarea").press("Enter")   # nothing to ask: a message in the chat, no question shown
    page.locator("#qa-chat .qa-error").get_by_text("请输入一个问题").wait_for()
    assert page.locator(REPLY).count() == 4 and page.locator("#qa-chat .qa-q").count() == 3
    page.locator("#qa-clear").click()
    page.locator(REPLY).first.wait_for(state="detached")


def test_portal_widget_answers_in_the_iframe(browser, app, portal):
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 1280, "height": 900})
    page.goto(portal)
    # the inline <iframe> embed loads on another origin, with default settings (the README's first snippet)
    page.frame_locator("#qa-iframe").locator("#qa-input textarea").wait_for(timeout=20000)
    button = page.locator(".xcqa-button")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator(".xcqa-panel iframe").count() == 1   # created before the first click
    button.click()
    panel = page.locator(".xcqa-panel")
    panel.wait_for(state="visible")
    assert page.locator(".xcqa-head").inner_text().startswith("文明城市问答")
    ask(page.frame_locator(".xcqa-panel iframe"), QUESTION)
    assert page.frame_locator(".xcqa-panel iframe").locator(".qa-answer").first.inner_text()
    assert page.locator(".xcqa-refused").is_hidden()   # the chat said it loaded: no "cannot show" message
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "portal.png"))
    assert hosts(requests) == {urlsplit(portal).netloc, urlsplit(app[0]).netloc}
    page.locator(".xcqa-close").click()
    panel.wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"
    page.context.close()


@pytest.fixture(scope="module")
def restricted(settings, tmp_path_factory, portal_port):
    """A server that lets only the portal's origin frame it (QA_FRAME_ANCESTORS)."""
    with running_server(settings, tmp_path_factory, QA_FRAME_ANCESTORS=f"http://127.0.0.1:{portal_port}") as app:
        yield app


def test_widget_on_a_portal_not_allowed_to_frame_says_so(browser, restricted, tmp_path_factory):
    app = restricted
    port = free_port()   # an origin that is not in QA_FRAME_ANCESTORS
    server = _serve_portal(app[0], port, tmp_path_factory.mktemp("other-portal"))
    try:
        requests: list = []
        page = new_page(browser, requests, viewport={"width": 1280, "height": 900})
        console: list = []
        page.on("console", lambda m: console.append(m.text))
        page.goto(f"http://127.0.0.1:{port}")
        page.locator(".xcqa-button").click()
        refused = page.locator(".xcqa-refused")
        refused.wait_for(state="visible", timeout=20000)
        assert "不能在本页面中显示" in refused.inner_text()
        link = refused.locator("a")
        assert link.get_attribute("href") == app[0] + "/" and link.get_attribute("target") == "_blank"
        assert page.locator(".xcqa-panel iframe").is_hidden()
        assert any("QA_FRAME_ANCESTORS" in m and f"127.0.0.1:{port}" in m for m in console), console
        page.context.close()
    finally:
        server.shutdown()


def test_phone_viewport(browser, app):
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 390, "height": 844}, device_scale_factor=2,
                    is_mobile=True, has_touch=True)
    page.goto(app[0] + "/")
    ask(page, QUESTION)
    assert page.locator(REPLY).first.is_visible()
    assert page.locator("#qa-input textarea").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    page.wait_for_timeout(400)
    page.screenshot(path=str(OUT / "phone.png"))
    assert hosts(requests) == {urlsplit(app[0]).netloc}
    page.context.close()


ENGLISH_LABELS = ("copy", "like", "dislike", "clear", "submit", "retry", "undo", "loading", "error", "share", "message")


def _labels(page) -> list[str]:
    """What a sighted user reads on the buttons and what a screen reader says for them."""
    return page.evaluate("""() => [...document.querySelectorAll('button, [role=button], a, input, textarea')]
        .filter(e => e.offsetParent !== null)
        .flatMap(e => [e.innerText, e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')])
        .filter(Boolean).map(t => t.trim()).filter(Boolean)""")


def test_interface_is_chinese_for_an_english_browser(browser, app, api_answer):
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 1280, "height": 900}, locale="en-US")
    page.goto(app[0] + "/")
    ask(page, QUESTION)
    page.locator(REPLY).first.hover()   # the message buttons (copy, 赞, 踩) show
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    labels = _labels(page)
    english = [t for t in labels if any(w in t.lower().split() for w in ENGLISH_LABELS)]
    assert not english, f"English labels left: {english}"
    assert {"赞", "踩"} <= set(labels) and "复制回答" in labels
    # icon-only buttons all have a name for screen readers
    unnamed = page.evaluate("""() => [...document.querySelectorAll('#qa-chat button, #qa-input button')]
        .filter(b => b.offsetParent !== null && !b.innerText.trim() && !b.getAttribute('aria-label') && !b.getAttribute('title'))
        .map(b => b.outerHTML.slice(0, 80))""")
    assert not unnamed
    # the confidence in words and its number, both on the page (a finger cannot hover)
    conf = page.locator(REPLY).first.locator(".qa-conf")
    word, number = conf.inner_text().removeprefix("置信度：").split()
    assert word in ("高", "中", "低") and number == f"{api_answer['confidence']:.2f}"
    page.context.close()


def _contrast(page, selector: str) -> float:
    """WCAG contrast ratio of an element's text colour on its background."""
    return page.evaluate("""(sel) => {
        const e = document.querySelector(sel), s = getComputedStyle(e);
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const alpha = c => { const v = c.match(/[\\d.]+/g); return v.length > 3 ? Number(v[3]) : 1; };
        let back = e;   // the first ancestor that paints a background
        while (back.parentElement && alpha(getComputedStyle(back).backgroundColor) === 0) back = back.parentElement;
        const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
                                     return .2126 * f(r) + .7152 * f(g) + .0722 * f(b); };
        const [a, b] = [lum(rgb(s.color)), lum(rgb(getComputedStyle(back).backgroundColor))].sort((x, y) => y - x);
        return (a + .05) / (b + .05); }""", selector)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlighted_answer_is_readable_in_light_and_dark_mode(browser, app, scheme):
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(app[0] + "/")
    ask(page, QUESTION)
    assert page.evaluate("document.body.classList.contains('dark')") == (scheme == "dark")
    assert _contrast(page, REPLY + " .qa-quote mark") >= 4.5
    assert _contrast(page, REPLY + " .qa-conf") >= 4.5
    page.context.close()


def test_chat_works_with_the_keyboard_alone(browser, app):
    requests: list = []
    page = new_page(browser, requests, viewport={"width": 1280, "height": 900})
    page.goto(app[0] + "/")
    page.locator("#qa-input textarea").wait_for()
    for _ in range(40):   # Tab from the top of the page to the question box
        if page.evaluate("document.activeElement.closest('#qa-input') !== null"):
            break
        page.keyboard.press("Tab")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.locator(REPLY).first.wait_for(timeout=30000)
    reached = set()
    for _ in range(60):   # …and on to the first citation's link
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.className"))
        if "qa-open" in reached:
            break
    assert "qa-open" in reached
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    assert "/article/" in opened.value.url
    page.context.close()


def test_gradio_client_ask_endpoint(app, api_answer):
    from gradio_client import Client

    client = Client(app[0] + "/", verbose=False)
    try:
        result = client.predict(QUESTION, api_name="/ask")
        assert result["answer"] == api_answer["answer"] and result["citations"]
        follow = client.predict("那第二次呢？", api_name="/ask")   # the session remembers the previous question
        assert follow["resolved_question"] != "那第二次呢？"
        with pytest.raises(Exception, match="请输入一个问题"):
            client.predict("", api_name="/ask")
    finally:
        client.close()   # ends its heartbeat stream, so the server stops at once


def test_server_logs_each_request_and_answer(app):
    httpx.post(app[0] + "/api/ask", json={"question": QUESTION}, timeout=30)
    httpx.get(app[0] + "/api/health", timeout=30)
    time.sleep(0.5)
    log = (app[1] / "serve.log").read_text(encoding="utf-8")
    assert re.search(r"qa\.requests 127\.0\.0\.1 POST /api/ask 200 \d+ ms", log), log[-2000:]
    assert re.search(r"qa\.requests 127\.0\.0\.1 GET /api/health 200 \d+ ms", log)
    assert re.search(r"answered in \d+ ms by (rules|reader): '许昌哪年首次获评全国文明城市？' → '2015年' "
                     r"\(date, confidence 0\.\d\d\)", log)
    assert "/assets/" not in log and "heartbeat" not in log  # assets and event streams are not logged


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_render_offline_with_their_operations(browser, app, path):
    # the browser reaches nothing but this server (its files are served here, under a CSP without inline script)
    requests, errors = [], []
    page = new_page(browser, requests)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    url, _ = app
    page.goto(url + path)
    if path == "/docs":
        page.wait_for_selector(".opblock-summary-path", timeout=20000)
        operations = {e.inner_text().strip() for e in page.query_selector_all(".opblock-summary-path")}
        assert {"/api/ask", "/api/health"} <= operations, operations
    else:
        page.get_by_text("/api/ask").first.wait_for(timeout=20000)
    assert not errors, errors
    assert hosts(requests) <= {urlsplit(url).netloc}, hosts(requests)
    page.close()
