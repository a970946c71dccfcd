"""What a resident and an operator meet in Chromium, desktop and phone: an accessibility audit
(axe-core, from npm: scripts/setup.sh test), citations named by headline and byline, the cleaned
article behind 查看原文, the question kept in view on a phone, a rating confirmed and its comment
shown in the console. Screenshots go to test-output/ (not committed)."""
import os
from pathlib import Path

import pytest

from qa.web.auth import set_password
from tests.conftest import running_server
from tests.support.browser import OUT, REPLY, ask, require_chromium

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".axe/node_modules/axe-core/axe.min.js"
PASSWORD = "residents console 7"
LIST_QUESTION = "许昌培育了哪些特色志愿服务项目？"   # a reply whose first citation has a byline (记者张铮)
require_chromium()
SIZES: dict[str, dict] = {"desktop": {"viewport": {"width": 1280, "height": 900}},
                         "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}}


@pytest.fixture(scope="module")
def app(tmp_path_factory, settings):
    data = tmp_path_factory.mktemp("residents-data")
    set_password(data, PASSWORD)
    with running_server(settings, tmp_path_factory, QA_DATA=str(data), QA_RATE_LIMIT="10000/60") as (url, _):
        yield url, data


def _page(browser, size: str):
    return browser.new_context(**SIZES[size]).new_page()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", ["/", "/widget/"])
def test_chat_has_no_serious_accessibility_violations(browser, app, size, path):
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing on CI: scripts/setup.sh test installs axe-core with npm", pytrace=False)
        pytest.skip("axe-core is missing: run scripts/setup.sh test (needs npm)")
    page = _page(browser, size)
    page.goto(app[0] + path)
    ask(page, LIST_QUESTION)
    page.wait_for_timeout(1500)   # the reply's fade-in done: colours are measured as they stay
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations"
                          ".map(v => [v.id, v.impact, v.nodes.map(n => n.html.slice(0, 100))])")
    serious = [v for v in found if v[1] in ("serious", "critical")]
    assert not serious, serious
    # names a screen reader says: Chinese, and replies as text (Gradio's own are English with markup)
    names = page.evaluate("() => [...document.querySelectorAll('#qa-chat [aria-label], #qa-input [aria-label]')]"
                          ".map(e => e.getAttribute('aria-label'))")
    assert not [n for n in names if "message:" in n or "<" in n or n == "chatbot conversation"], names
    assert page.get_by_role("textbox", name="输入问题").count() == 1
    page.screenshot(path=str(OUT / f"a11y-{size}{path.strip('/') and '-widget'}.png"))
    page.context.close()


def test_citations_name_headline_and_byline_and_open_the_cleaned_article(browser, app):
    page = _page(browser, "desktop")
    page.goto(app[0] + "/")
    ask(page, LIST_QUESTION)
    head = page.locator(REPLY).first.locator(".qa-cite-head").first
    assert "记者张铮" in head.inner_text() and ".txt" not in page.locator(REPLY).first.inner_text()
    conf = page.locator(REPLY).first.locator(".qa-conf").inner_text()   # the number is on the page, not in a hover
    assert conf.startswith("置信度：") and conf.split()[-1].replace(".", "").isdigit()
    with page.context.expect_page() as opened:
        head.locator("a.qa-open").click()
    article = opened.value
    article.wait_for_load_state()
    assert "服务粮农" in article.locator("mark").first.inner_text()
    assert "记者张铮" in article.locator("header").inner_text()
    raw = article.get_by_role("link", name="查看原始文本")
    assert "raw=1" in raw.get_attribute("href")
    article.screenshot(path=str(OUT / "article-clean.png"))
    raw.click()
    article.wait_for_load_state()
    assert article.get_by_role("link", name="查看整理后的文章").count() == 1 and article.locator("mark").count()
    page.context.close()


def test_on_a_phone_the_question_and_the_start_of_the_answer_stay_in_view(browser, app):
    page = _page(browser, "phone")
    page.goto(app[0] + "/")
    for question in ("许昌哪年首次获评全国文明城市？", LIST_QUESTION):   # the second reply lands below the first
        ask(page, question, replies_before=page.locator(REPLY).count())
    page.wait_for_timeout(800)
    height = SIZES["phone"]["viewport"]["height"]
    asked = page.locator("#qa-chat .user-row").last.bounding_box()
    answer = page.locator(REPLY).last.locator(".qa-answer").bounding_box()
    assert 0 <= asked["y"] < height and 0 <= answer["y"] < height - 40, (asked, answer)
    page.screenshot(path=str(OUT / "phone-second-answer.png"))
    page.context.close()


def test_a_rating_is_confirmed_and_its_comment_reaches_the_console(browser, app):
    url, _ = app
    page = _page(browser, "desktop")
    page.goto(url + "/")
    ask(page, LIST_QUESTION)
    page.locator("#qa-chat button[aria-label='踩']").first.click()
    note = page.locator("#qa-feedback-note")
    note.get_by_text("已记录").wait_for(timeout=10000)
    assert note.get_attribute("role") == "status"
    comment = "应该还有别的项目，请核对"
    page.locator("#qa-comment textarea").fill(comment)
    page.get_by_role("button", name="提交反馈").click()
    note.get_by_text("谢谢").wait_for(timeout=10000)
    assert "通过 API 使用" not in page.locator("body").inner_text()   # Gradio's developer link: not for residents
    page.context.close()

    console = _page(browser, "desktop")
    console.goto(url + "/admin")
    console.locator("#password").fill("not the password")
    console.locator("button[type=submit]").click()
    assert "密码不对" in console.locator("body").inner_text() and console.locator("#password").is_visible()
    console.locator("#password").fill(PASSWORD)
    console.locator("button[type=submit]").click()
    console.locator("#feedback tr").first.wait_for(timeout=10000)
    assert comment in console.locator("#feedback").inner_text()
    assert "选择文件" in console.locator("#upload-form").inner_text()   # the picker speaks Chinese
    assert "Choose" not in console.locator("#upload-form").inner_text()
    console.screenshot(path=str(OUT / "console-feedback.png"), full_page=True)
    console.context.close()
