"""The chat page (`/`) and its compact twin for the widget (`/widget`), as Gradio Blocks.

One question runs three steps: `take` shows the (escaped) question at once, `answer_in_page`
answers it, and `show` renders the answer. What a conversation remembers (the previous question for
follow-ups, which answer each 👍/👎 refers to) lives in the page, in hidden components sent with
each event, and no event uses Gradio's queue: every event is one HTTP request that any worker
or replica can answer (`qa serve --workers N`, replicas behind nginx), with no sticky sessions.
The answers kept for 👍/👎 carry the server's seal (FeedbackStore.seal), so a rating written into
a forged event is not recorded.
The Gradio API endpoint "ask" (gradio_client: the message in, the answer object of CONTRACT.md
out) is a separate, queued event whose session keeps the previous question: it needs one
process (or sticky routing); the page's own events are private.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from collections.abc import Mapping

import gradio as gr

from qa.errors import QAError
from qa.limits import MAX_PREVIOUS, MAX_QUESTION, InputError, checked
from qa.web.asking import Asking, TooMany
from qa.web.ratelimit import TOO_MANY
from qa.web.feedback import FeedbackStore
from qa.web.article_meta import describe
from qa.web.html import error_message, reply, user_message

TITLE = "许昌文明城市问答"
# The first thing a visitor clicks: each is answered right by the product as shipped
# (tests/answer/test_examples.py asks them; "有哪些做法" was too broad for one cited span).
EXAMPLES = ("许昌哪年首次获评全国文明城市？", "许昌一共获得过几次全国文明城市称号？", "许昌培育了哪些特色志愿服务项目？")
INTRO = (f"# {TITLE}\n根据许昌创建全国文明城市的新闻报道回答问题，每个答案都附有出处，可点开原文核对。"
         f"可以接着追问：先问「{EXAMPLES[0]}」，再问「那第二次呢？」。")
MAX_RATED = 50   # answers of one page that can still be rated: bounds what each event carries
PRIVATE: Mapping[str, Any] = MappingProxyType({"api_visibility": "private"})   # read-only: shared by every event
FONTS = ["system-ui", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]   # local only: works offline

CSS = """
.qa-q { white-space: pre-wrap; }
.prose .qa-reply p { margin: .2em 0 !important; }
.qa-answer { font-size: 1.15em; }
/* full opacity and explicit greys and reds: Gradio's panel layout fades replies to 0.8, and its
   subdued text and accent fall under 4.5:1 contrast (axe-core, tests/web/test_residents_browser.py) */
#qa-chat .prose.chatbot { opacity: 1 !important; }
.qa-meta, .qa-file, .qa-sub { color: #55555c; font-size: .85em; }
.dark .qa-meta, .dark .qa-file, .dark .qa-sub { color: #c4c4cc; }
.qa-none { font-weight: 600; }
.qa-conflict { color: #a15c00; } .dark .qa-conflict { color: #f0b860; }
.qa-error { color: #b3261e; } .dark .qa-error { color: #ff9a90; }
.qa-cite { border-top: 1px solid var(--border-color-primary); margin-top: .5em; padding-top: .4em; }
.qa-num { font-weight: 600; color: #b71c1c; } .dark .qa-num { color: #ff8a80; }
.prose .qa-reply .qa-quote { margin: .3em 0 !important; padding: .1em .6em !important;
  border-left: 3px solid var(--color-accent); font-size: .95em; }
/* the answer keeps dark text on its yellow in light and dark mode alike: contrast 14:1 (not the page's light text) */
.qa-quote mark { background: #ffe08a; color: #1a1a1a; font-weight: 600; padding: 0 .1em; }
.qa-conf { border-bottom: 1px dotted currentColor; cursor: help; }
.qa-conf-high { color: #1b6e20; } .dark .qa-conf-high { color: #7bd88f; }
.qa-conf-mid { color: #7a4f00; } .dark .qa-conf-mid { color: #f0c36a; }
.qa-conf-low { color: #b3261e; } .dark .qa-conf-low { color: #ff9a90; }
.qa-open { font-size: .85em; white-space: nowrap; }
/* the empty chat's intro and examples keep off the panel's border (flush at the top in the widget) */
#qa-chat .placeholder-content { padding: .6em .8em; }
@media (max-width: 600px) {
  /* the chat's ↓ (scroll to the end) button sits on the reply's text on a phone; swiping does the same */
  .scroll-down-button-container { display: none !important; }
  .qa-intro h1 { font-size: 1.3em !important; margin-bottom: .2em !important; }
  .qa-intro p { font-size: .85em; line-height: 1.5; }
}
"""
# Gradio scopes `css` under `.gradio-container .contain`, out of reach of the page padding: that rule goes in <head>
HEAD = ("<style>@media (max-width: 600px) { .gradio-container .main.fillable { padding: 4px 6px !important; } }</style>"
        "<script>" + r"""(function () {
  // Screen readers: Gradio labels each message "bot's message: <div …>" (its markup, in English);
  // say who speaks, in Chinese, and the message as text.
  var WHO = {"user": "提问：", "bot": "回答：", "assistant": "回答："};
  function relabel(el) {
    var m = /^(user|bot|assistant)'s message: /.exec(el.getAttribute("aria-label") || "");
    if (m) el.setAttribute("data-qa-who", m[1]);
    var who = el.getAttribute("data-qa-who");
    if (!who) return;
    var said = WHO[who] + (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 500);
    if (el.getAttribute("aria-label") !== said) el.setAttribute("aria-label", said);
  }
  function relabelAll() {
    document.querySelectorAll("[data-qa-who]").forEach(relabel);
    document.querySelectorAll('[aria-label="chatbot conversation"]').forEach(function (el) {
      el.setAttribute("aria-label", "对话记录");
    });
    var note = document.getElementById("qa-feedback-note");   // what became of a rating, announced
    if (note && note.getAttribute("role") !== "status") note.setAttribute("role", "status");
  }
  // A new answer: show the question it answers at the top, and the start of the answer below it,
  // instead of the end of a long reply (the chatbot's own autoscroll is off).
  function showQuestion(added) {
    var bots = document.querySelectorAll("#qa-chat .message-row.bot-row, #qa-chat .bot-row");
    if (!added || !bots.length) return;
    var users = document.querySelectorAll("#qa-chat .user-row");
    var last = users[users.length - 1];
    if (last) last.scrollIntoView({block: "start"});
  }
  new MutationObserver(function (changes) {
    var added = false;
    changes.forEach(function (c) {
      if (c.type === "attributes") relabel(c.target);
      c.addedNodes && c.addedNodes.forEach(function (n) {
        if (n.nodeType !== 1) return;
        if (n.matches && n.matches("[aria-label]")) relabel(n);
        n.querySelectorAll && n.querySelectorAll("[aria-label]").forEach(relabel);
        if (n.querySelector && n.querySelector(".qa-reply") || (n.classList && n.classList.contains("qa-reply"))) added = true;
      });
    });
    if (added) setTimeout(function () { showQuestion(true); }, 50);
    setTimeout(relabelAll, 0);   // the message's text may arrive after its label
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"]});
})();""" + "</script>")
COMPACT_CSS = CSS + """
footer { display: none !important; }
.gradio-container, .gradio-container .main { padding: 4px !important; }
"""


# Gradio's Chinese translation lacks a few of the chatbot's labels (they would show in English):
# given here under Gradio's own keys, for zh-CN, the page's only language (see server.ChinesePage).
MISSING_LABELS = MappingProxyType({"chatbot.copy_message": "复制回答", "chatbot.copied_message": "已复制",
                                   "chatbot.complete": "完成"})



def translations() -> gr.I18n:
    return gr.I18n(**{"zh-CN": dict(MISSING_LABELS), "zh": dict(MISSING_LABELS)})


def theme() -> gr.themes.Base:
    return gr.themes.Default(primary_hue="red", font=FONTS, font_mono=["ui-monospace", "monospace"])


@dataclass(frozen=True)
class ChatTurns:
    """What the page's events do, apart from Gradio's wiring: each method is one event's handler,
    a plain function of its inputs (a test calls it with a store and an ask path of its own)."""
    asking: Asking
    store: FeedbackStore

    def source_text(self, doc: str) -> str | None:
        source = self.asking.live.get().sources.get(doc)
        return source.text if source else None

    def meta_line(self, doc: str, article: int) -> str:
        document = self.asking.live.get().documents.get((doc, article))
        return describe(document).line() if document is not None else ""

    @staticmethod
    def take(message: str, history: list) -> tuple:
        try:
            question, _ = checked(message or "")
        except InputError:   # left to `answer_in_page`, whose sentence shows in the chat
            return gr.skip(), gr.skip(), message
        return "", [*history, {"role": "user", "content": user_message(question)}], question

    def answer_turn(self, question: str, previous: str | None, request: gr.Request) -> tuple[dict, str]:
        """Answer `question` (a follow-up of `previous`): the answer object of CONTRACT.md, and
        the question as understood, for the next follow-up."""
        client = request.client.host if request is not None and request.client else "-"
        try:
            a = self.asking.ask(client, question or "", previous or None).answer
        except TooMany:
            raise gr.Error(TOO_MANY, title="请稍候", print_exception=False) from None
        except InputError as err:   # the same checks and limits as the REST API, said in the page's language
            raise gr.Error(err.zh, title="请检查问题", print_exception=False) from None
        except QAError as err:
            raise gr.Error(str(err), title="请检查问题", print_exception=False) from None
        # the question as understood, so a follow-up of a follow-up still knows the subject;
        # a chain of follow-ups that grew past the limit starts over from this question
        understood = a.resolved_question or a.question
        return a.to_dict(), understood if len(understood) <= MAX_PREVIOUS else a.question

    def answer_in_page(self, question: str, previous: str | None, request: gr.Request) -> tuple[dict, str]:
        """`answer_turn` for the page: {"turn", "answer", "seal"}, the answer sealed here, where it
        was made (`show` only passes it on). A refused question (empty, too long, too many) becomes
        {"error"}, a message in the chat, since an unqueued event's gr.Error shows no toast."""
        try:
            result, understood = self.answer_turn(question, previous, request)
        except gr.Error as err:
            return {"error": str(err.message)}, previous or ""
        turn = uuid.uuid4().hex
        return {"turn": turn, "answer": result, "seal": self.store.seal(turn, result)}, understood

    def show(self, made: dict, history: list, shown: dict) -> tuple[list, dict]:
        result = made.get("answer") if isinstance(made, dict) else None
        if not (isinstance(result, dict) and "question" in result):
            message = made.get("error") if isinstance(made, dict) else None
            return [*history, {"role": "assistant", "content": error_message(message or "出错了，请重试。")}], shown
        content = reply(result, self.source_text, self.meta_line)
        # JSON in the page: message index as text → [turn, answer, seal], trimmed to the last answers
        kept = dict(list((shown or {}).items())[-(MAX_RATED - 1):])
        return [*history, {"role": "assistant", "content": content}], \
            {**kept, str(len(history)): [made.get("turn"), result, made.get("seal")]}

    @staticmethod
    def pick(event: gr.SelectData) -> str:
        value = event.value
        return value.get("text", "") if isinstance(value, dict) else str(value)

    def rate(self, shown: dict, event: gr.LikeData) -> tuple:
        where = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        hit = (shown or {}).get(str(where))
        if not (isinstance(hit, list) and len(hit) == 3 and isinstance(hit[0], str) and isinstance(hit[1], dict)
                and self.store.sealed(*hit)):   # an answer this server did not give is not recorded
            return "", gr.update(visible=False), gr.update(), "这条回答无法评价，请重新提问后再试。"
        turn, result, _ = hit
        liked = event.liked is True or event.liked == "Like"
        self.store.rate(turn, liked, result)
        label = "补充说明（可选）" if liked else "哪里不对？正确答案是什么？（可选）"
        said = "已记录：👍 有帮助。" if liked else "已记录：👎 不对。"
        return turn, gr.update(visible=True), gr.update(value="", label=label), said + "可以在下面补充说明。"

    def send_comment(self, turn: str | None, comment: str) -> tuple:
        if not comment.strip():
            return gr.update(), "", "补充说明是空的，没有提交。"
        if turn and self.store.comment(turn, comment):
            return gr.update(visible=False), "", "谢谢，你的补充说明已记录，运营人员会查看。"
        return gr.update(visible=False), "", "没有记录：请先对这条回答点 👍 或 👎。"

    @staticmethod
    def clear() -> tuple:
        return [], "", {}, "", gr.update(visible=False), "", ""


def build_chat(asking: Asking, store: FeedbackStore, compact: bool = False) -> gr.Blocks:
    """The chat UI; `compact` is the widget: no heading, smaller parts, same behaviour. Questions
    go through `asking`, the same path as the REST API's; the events' handlers are `ChatTurns`'."""
    h = ChatTurns(asking, store)

    with gr.Blocks(title=TITLE, fill_height=True, analytics_enabled=False) as demo:
        # the conversation's memory, kept in the page (see the module's docstring)
        previous = gr.Textbox(visible=False, value="", max_length=MAX_PREVIOUS)   # the last question as understood
        shown = gr.JSON(visible=False, value={})     # chatbot message index → [turn id, answer object, seal], for 👍/👎
        rated = gr.Textbox(visible=False, value="")  # the turn the comment box refers to
        if not compact:
            gr.Markdown(INTRO, elem_classes="qa-intro")
        chatbot = gr.Chatbot(
            # scale=1 with fill_height: the chat takes the rest of the window and scrolls inside
            show_label=False, elem_id="qa-chat", scale=1, height=200, min_height=240,
            layout="panel", latex_delimiters=[], sanitize_html=True, autoscroll=False,   # HEAD's script scrolls
            feedback_options=("Like", "Dislike"), buttons=["copy"],
            placeholder="问一个关于许昌创建全国文明城市的问题。答案摘自新闻报道，并注明出处。",
            examples=[{"text": q} for q in EXAMPLES])
        with gr.Row(equal_height=True):
            textbox = gr.Textbox(label="输入问题", show_label=False, placeholder="输入问题，回车提问", max_length=MAX_QUESTION,
                                 scale=5, elem_id="qa-input", submit_btn="提问", autofocus=not compact)
            clear_btn = gr.Button("清空", scale=0, min_width=64, elem_id="qa-clear",
                                  size="sm" if compact else "md")
        with gr.Row(visible=False, elem_id="qa-comment") as comment_row:
            comment = gr.Textbox(label="补充说明（可选）", max_length=1000, scale=5)
            send = gr.Button("提交反馈", scale=0, min_width=90)
        # what became of a rating: an unqueued event shows no gr.Info toast, so the page says it here
        note = gr.Markdown("", elem_id="qa-feedback-note")   # (gr.HTML would need 'unsafe-eval')
        asked = gr.Textbox(visible=False)   # the question `take` accepted
        result = gr.JSON(visible=False, label="answer")      # its output

        def answer_chain(started) -> None:
            started.success(h.answer_in_page, [asked, previous], [result, previous], queue=False, **PRIVATE).success(
                h.show, [result, chatbot, shown], [chatbot, shown], queue=False, **PRIVATE)

        taken = textbox.submit(h.take, [textbox, chatbot], [textbox, chatbot, asked], queue=False, **PRIVATE)
        answer_chain(taken)
        picked = chatbot.example_select(h.pick, None, [textbox], queue=False, **PRIVATE).success(
            h.take, [textbox, chatbot], [textbox, chatbot, asked], queue=False, **PRIVATE)
        answer_chain(picked)
        # gradio_client's "ask" keeps the previous question in its Gradio session (gr.State, in
        # this process) and goes through the queue, as before; behind several workers or replicas
        # programs use POST /api/ask, which takes "previous" and needs no session
        api_previous = gr.State("")
        api_in = gr.Textbox(visible=False, label="message")
        api_out = gr.JSON(visible=False, label="answer")
        api_in.submit(h.answer_turn, [api_in, api_previous], [api_out, api_previous], api_name="ask",
                      api_description="Answer a question (a follow-up of the previous one in this session); "
                                      "returns the answer object of CONTRACT.md")
        chatbot.like(h.rate, [shown], [rated, comment_row, comment, note], queue=False, **PRIVATE)
        gr.on([comment.submit, send.click], h.send_comment, [rated, comment], [comment_row, comment, note],
              queue=False, **PRIVATE)
        gr.on([clear_btn.click, chatbot.clear], h.clear, None,
              [chatbot, previous, shown, rated, comment_row, textbox, note], queue=False, **PRIVATE)
    return demo
