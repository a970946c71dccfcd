/* 许昌文明城市问答 — operator console. Every change sends the page's CSRF token; every corpus
 * string is put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var $ = function (id) { return document.getElementById(id); };
  var polling = null, reviewing = null;

  function call(method, url, body, isForm) {
    var opts = { method: method, credentials: "same-origin", headers: {} };
    if (method !== "GET") opts.headers["X-CSRF-Token"] = csrf;
    if (body && isForm) opts.body = body;
    else if (body) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (r) {
      if (r.status === 401) { location.reload(); throw new Error("请先登录"); }
      return r.json().then(function (data) { data._status = r.status; return data; });
    });
  }
  function cell(row, text) { var td = document.createElement("td"); td.textContent = text; row.appendChild(td); return td; }
  function when(t) { return t ? new Date(t * 1000).toLocaleString("zh-CN") : ""; }

  function loadStatus() {
    return call("GET", "/admin/api/status").then(function (s) {
      var dl = $("status"); dl.textContent = "";
      var rows = [["索引版本", s.version], ["建立时间", s.built_at], ["向量模型", s.model], ["答案评分模型训练于", s.scorer_fitted_at],
        ["文件 / 文章 / 分块", s.files + " / " + s.articles + " / " + s.chunks],
        ["今日回答", s.today.answers], ["今日延迟中位数", s.today.median_ms == null ? "—" : s.today.median_ms + " ms"],
        ["今日未找到答案比例", s.today.abstention_rate == null ? "—" : Math.round(s.today.abstention_rate * 100) + "%"],
        ["赞 / 踩（👍 / 👎）", s.feedback.up + " / " + s.feedback.down]];
      rows.forEach(function (r) {
        var dt = document.createElement("dt"); dt.textContent = r[0];
        var dd = document.createElement("dd"); dd.textContent = r[1] == null ? "—" : String(r[1]);
        dl.appendChild(dt); dl.appendChild(dd);
      });
      showBuild(s.build);
      return s;
    });
  }

  function loadFiles() {
    return call("GET", "/admin/api/files").then(function (d) {
      var body = $("files"); body.textContent = "";
      d.files.forEach(function (f) {
        var tr = document.createElement("tr");
        cell(tr, f.name); cell(tr, f.chars); cell(tr, f.chunks); cell(tr, f.articles.join(" ｜ "));
        var td = document.createElement("td"), b = document.createElement("button");
        b.type = "button"; b.textContent = "删除"; b.setAttribute("aria-label", "删除 " + f.name);
        b.addEventListener("click", function () {
          if (!confirm("从语料中删除 " + f.name + "？重建索引后生效。")) return;
          call("POST", "/admin/api/delete", { name: f.name }).then(function (r) {
            $("upload-result").textContent = r.error || ("已删除 " + r.deleted + "，请重建索引。"); loadFiles();
          });
        });
        td.appendChild(b); tr.appendChild(td); body.appendChild(tr);
      });
      var skipped = Object.keys(d.skipped || {});
      $("skipped").textContent = skipped.length ? "未收录：" + skipped.map(function (k) { return k + "（" + d.skipped[k] + "）"; }).join("；") : "";
      $("changed").textContent = d.changed.length ? "上次重建后有变动（重建后生效）：" + d.changed.join("、") : "语料与索引一致。";
    });
  }

  function showBuild(b) {
    var bar = $("build-progress"), text = $("build-text");
    if (b.running) {
      bar.hidden = false;
      if (b.to_embed) { bar.max = b.to_embed; bar.value = b.embedded; } else { bar.removeAttribute("value"); }
      text.textContent = "正在重建：" + (b.files == null ? "读取文件…" : "已读 " + b.files + " 个文件，共 " + b.chunks + " 块；") +
        (b.to_embed ? "已向量化 " + b.embedded + " / " + b.to_embed + " 块" + (b.seconds_left ? "，约剩 " + Math.round(b.seconds_left) + " 秒" : "") : "");
      $("rebuild").disabled = true;
      if (!polling) polling = setInterval(function () { loadStatus(); }, 1000);
      return;
    }
    $("rebuild").disabled = false;
    if (polling) {
      clearInterval(polling); polling = null; loadFiles();
      // the status rows show the index being served, which switches up to 2 s after a build is published
      setTimeout(loadStatus, 2500); setTimeout(loadStatus, 6000);
    }
    bar.hidden = true;
    if (b.error) { text.className = "error"; text.textContent = "重建失败，仍使用原索引：" + b.error; }
    else if (b.finished) {
      var ch = Object.keys(b.changes || {});
      text.className = "ok";
      text.textContent = "重建完成（" + when(b.finished) + "），已切换到新索引。" +
        (ch.length ? "变动：" + ch.map(function (k) { return k + " " + ({added: "新增", changed: "修改", removed: "删除"}[b.changes[k]] || b.changes[k]); }).join("；") : "无变动。");
    }
  }

  function loadFeedback() {
    return call("GET", "/admin/api/feedback").then(function (d) {
      var body = $("feedback"); body.textContent = "";
      d.rated.forEach(function (f) {
        var tr = document.createElement("tr");
        cell(tr, when(f.created)); cell(tr, f.rating > 0 ? "👍" : "👎");
        cell(tr, f.resolved || f.question); cell(tr, f.got == null ? "（未找到）" : f.got);
        cell(tr, f.comment || "");   // what the resident typed with the rating
        var docs = cell(tr, "");
        f.docs.forEach(function (doc) {
          var b = document.createElement("button"); b.type = "button"; b.textContent = "打开 " + doc;
          b.addEventListener("click", function () { openSource(f, doc); });
          docs.appendChild(b);
        });
        var td = document.createElement("td"), none = document.createElement("button");
        if (f.reviewed != null) {   // already a gold line: say what it holds
          var done = document.createElement("span"); done.className = "ok";
          done.textContent = "已审核：" + (f.reviewed || "资料中没有") + " ";
          td.appendChild(done);
        }
        none.type = "button"; none.textContent = "资料中没有";
        none.addEventListener("click", function () { reviewing = { turn: f.turn }; saveGold({ turn: f.turn, none: true }); });
        td.appendChild(none); tr.appendChild(td); body.appendChild(tr);
      });
    });
  }

  function openSource(f, doc) {
    call("GET", "/admin/api/source?doc=" + encodeURIComponent(doc)).then(function (d) {
      $("review").hidden = false;
      $("review-title").textContent = "问题：" + (f.resolved || f.question) + " — " + doc;
      if (d.error || d._status !== 200) {   // e.g. the article was deleted since the answer cited it
        reviewing = { turn: f.turn };       // 资料中没有 can still be saved; a span cannot
        $("source").textContent = "";
        $("review-result").className = "error";
        $("review-result").textContent = (d.error || "没有文件 " + doc + "。") + "文章可能已删除；仍可标为“资料中没有”。";
        return;
      }
      reviewing = { turn: f.turn, doc: doc, text: d.text };
      $("source").textContent = d.text;
      $("review-result").textContent = "";
      $("source").focus();
    });
  }

  function selectedRange() {
    var sel = window.getSelection(), box = $("source");
    if (!sel.rangeCount || !box.contains(sel.anchorNode) || !box.contains(sel.focusNode)) return null;
    var r = sel.getRangeAt(0), before = document.createRange();
    before.selectNodeContents(box); before.setEnd(r.startContainer, r.startOffset);
    var a16 = before.toString().length, b16 = a16 + r.toString().length;
    if (b16 <= a16) return null;
    var text = box.textContent;   // UTF-16 offsets → code points, as the server counts them
    return [Array.from(text.slice(0, a16)).length, Array.from(text.slice(0, b16)).length];
  }

  function saveGold(body) {
    call("POST", "/admin/api/gold", body).then(function (r) {
      $("review-result").className = r.error ? "error" : "ok";
      $("review-result").textContent = r.error || ("已写入标准答案：" + (r.written.answers[0] || "（资料中没有）") + "，共 " + r.lines + " 条");
      if (!r.error) loadFeedback();
    });
  }

  $("save-span").addEventListener("click", function () {
    var range = selectedRange();
    if (!reviewing || !reviewing.doc || !range) { $("review-result").className = "error"; $("review-result").textContent = "请先在原文中选中答案。"; return; }
    saveGold({ turn: reviewing.turn, doc: reviewing.doc, start: range[0], end: range[1] });
  });
  $("save-none").addEventListener("click", function () { if (reviewing) saveGold({ turn: reviewing.turn, none: true }); });

  $("upload").addEventListener("change", function () {
    var names = []; for (var i = 0; i < this.files.length; i++) names.push(this.files[i].name);
    $("upload-chosen").textContent = names.length ? "已选择 " + names.join("、") : "未选择文件";
  });
  $("upload-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var files = $("upload").files;
    if (!files.length) return;
    var form = new FormData();
    for (var i = 0; i < files.length; i++) form.append("files", files[i]);
    call("POST", "/admin/api/upload", form, true).then(function (r) {
      var parts = [];
      if (r.saved && r.saved.length) parts.push("已上传 " + r.saved.join("、") + "，请重建索引。");
      (r.refused || []).forEach(function (x) { parts.push("未上传 " + x.name + "：" + x.reason); });
      if (r.error && !(r.refused || []).length) parts.push(r.error);   // a refusal already lists its reason
      $("upload-result").textContent = parts.join(" ");
      loadFiles();
    });
  });
  $("rebuild").addEventListener("click", function () {
    // the last build's 完成 line goes at once: it is not this build's
    $("build-text").className = ""; $("build-text").textContent = "正在开始重建…";
    call("POST", "/admin/api/rebuild").then(function (r) { showBuild(r.build); });
  });
  $("logout").addEventListener("click", function () {
    call("POST", "/admin/logout").then(function () { location.href = "/admin"; });
  });

  loadStatus(); loadFiles(); loadFeedback();
})();
