/*
 * 许昌文明城市问答 — embeddable chat widget. Paste one line into any page:
 *   <script src="https://QA-HOST/widget.js" data-title="文明城市问答" data-color="#c62828" async></script>
 * It adds a floating chat button that opens the chat (QA-HOST/widget/) in an iframe panel.
 * No CDN, no cookies: everything comes from the QA host, which is worked out from this
 * script's own src. The iframe is created (hidden) at once, so the first click opens a
 * chat that has already loaded. The QA host must list the page's origin in
 * QA_FRAME_ANCESTORS, or the browser refuses to show it in the frame.
 * When it does not (the chat page never says it loaded), the panel says so in Chinese with a link
 * that opens the chat in a new tab, and the console names the setting to change.
 * Optional attributes: data-position="left" (default right), data-open="true".
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {  // very old browsers: the last widget.js script on the page
    var all = document.querySelectorAll('script[src*="widget.js"]');
    script = all[all.length - 1];
  }
  if (!script || window.__xuchangQaWidget) return;
  window.__xuchangQaWidget = true;

  var base = new URL(".", script.src).href;           // e.g. https://qa.example.cn/
  var title = script.getAttribute("data-title") || "许昌文明城市问答";
  var color = script.getAttribute("data-color") || "";
  if (!/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,%\s]+\))$/.test(color)) color = "#c62828";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var P = "xcqa-";

  var css =
    "." + P + "button{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483000;width:56px;height:56px;" +
    "border-radius:50%;border:0;background:" + color + ";color:#fff;cursor:pointer;display:flex;" +
    "align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.3);padding:0}" +
    "." + P + "button:focus-visible{outline:3px solid #222;outline-offset:2px}" +
    "." + P + "panel{position:fixed;bottom:88px;" + side + ":20px;z-index:2147483000;width:380px;" +
    "height:min(620px,calc(100vh - 110px));background:#fff;border-radius:12px;overflow:hidden;" +
    "box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;" +
    "visibility:hidden;opacity:0;transform:translateY(16px);transition:opacity .15s,transform .15s,visibility .15s}" +
    "." + P + "panel." + P + "open{visibility:visible;opacity:1;transform:none}" +
    "." + P + "head{display:flex;align-items:center;justify-content:space-between;padding:8px 12px;" +
    "background:" + color + ";color:#fff;font:600 15px/1.4 system-ui,sans-serif}" +
    "." + P + "close{background:none;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:0 4px}" +
    "." + P + "frame{flex:1;width:100%;border:0;background:#fff}" +
    "." + P + "refused{flex:1;padding:24px 20px;font:15px/1.7 system-ui,sans-serif;color:#222}" +
    "." + P + "refused a{color:#0b57d0;font-weight:600}" +
    "@media (max-width:480px){." + P + "panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;border-radius:0}" +
    "." + P + "panel." + P + "open~." + P + "button{display:none}}";

  function el(tag, cls, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = P + cls;
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    return node;
  }

  function build() {
    var style = el("style");
    style.textContent = css;
    document.head.appendChild(style);

    var panel = el("div", "panel", { role: "dialog", "aria-label": title, "aria-hidden": "true", id: P + "panel" });
    var head = el("div", "head");
    var name = el("span");
    name.textContent = title;                        // text, never HTML
    var close = el("button", "close", { type: "button", "aria-label": "关闭" });
    close.textContent = "×";
    head.appendChild(name);
    head.appendChild(close);
    var frame = el("iframe", "frame", { src: base + "widget/", title: title, loading: "eager",
                                        allow: "clipboard-write" });
    var refused = el("div", "refused", { role: "status" });
    refused.style.display = "none";
    var why = el("p");
    why.textContent = "问答窗口不能在本页面中显示。";
    var link = el("a", "", { href: base, target: "_blank", rel: "noopener" });
    link.textContent = "在新窗口打开" + title + " ›";
    refused.appendChild(why);
    refused.appendChild(link);
    panel.appendChild(head);
    panel.appendChild(frame);
    panel.appendChild(refused);

    // The chat page tells its parent it loaded; a frame the QA host refuses (this page's origin is
    // not in its QA_FRAME_ANCESTORS) never does. Shown after READY_MS, undone if it loads later.
    var READY_MS = 8000, ready = false;
    window.addEventListener("message", function (e) {
      if (e.source === frame.contentWindow && e.data && e.data.xcqa === "ready") {
        ready = true;
        frame.style.display = "";
        refused.style.display = "none";
      }
    });
    setTimeout(function () {
      if (ready) return;
      frame.style.display = "none";
      refused.style.display = "";
      if (window.console) console.warn("许昌文明城市问答: " + base + " did not load in a frame on " + location.origin +
        ". Add this origin to QA_FRAME_ANCESTORS on the QA server (e.g. QA_FRAME_ANCESTORS=\"" +
        location.origin + "\") and restart qa serve.");
    }, READY_MS);

    var button = el("button", "button", { type: "button", "aria-label": title, "aria-controls": P + "panel",
                                          "aria-expanded": "false", title: title });
    button.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" ' +
      'stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">' +
      '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';

    function setOpen(open) {
      panel.classList.toggle(P + "open", open);
      panel.setAttribute("aria-hidden", open ? "false" : "true");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) frame.focus();
    }
    button.addEventListener("click", function () { setOpen(!panel.classList.contains(P + "open")); });
    close.addEventListener("click", function () { setOpen(false); button.focus(); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel.classList.contains(P + "open")) { setOpen(false); button.focus(); }
    });

    document.body.appendChild(panel);
    document.body.appendChild(button);
    if (script.getAttribute("data-open") === "true") setOpen(true);
  }

  if (document.body) build();
  else document.addEventListener("DOMContentLoaded", build);
})();
