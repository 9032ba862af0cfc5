// mtlint's audit report: shows the documents of the data blocks above,
// their findings highlighted, a list of findings and filters. Text from
// the documents goes into the page with textContent only, never as markup.
(function () {
  "use strict";
  var PART = 300; // findings per part of a long document
  var TEXT_MAX = 300000; // characters shown at once
  var PAGE = 100; // rows of the findings list per page
  var DOC_PAGE = 50; // rows of the documents table per page

  var rules = JSON.parse(document.getElementById("mtlint-rules").textContent);
  var blocks = document.querySelectorAll("script.mtlint-doc");
  var docs = new Array(blocks.length);
  var total = 0;
  for (var b = 0; b < blocks.length; b++) {
    docs[b] = JSON.parse(blocks[b].textContent);
    total += docs[b].findings.length;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function $(id) { return document.getElementById(id); }

  // Filters.
  var state = { sev: { minor: true, major: true, critical: true }, category: "", rule: -1, file: "" };
  var catSelect = $("filter-category");
  var ruleSelect = $("filter-rule");
  var cats = {};
  rules.forEach(function (r) { cats[r[1]] = true; });
  Object.keys(cats).sort().forEach(function (c) {
    var o = el("option", "", c); o.value = c; catSelect.appendChild(o);
  });
  rules.map(function (r, i) { return [r[0], i]; }).sort().forEach(function (r) {
    var o = el("option", "", r[0]); o.value = String(r[1]); ruleSelect.appendChild(o);
  });

  function docShown(d) {
    return state.file === "" || docs[d].file.toLowerCase().indexOf(state.file) >= 0;
  }
  function shown(d, f) {
    var r = rules[f[2]];
    return state.sev[r[2]] && (state.category === "" || r[1] === state.category) &&
      (state.rule < 0 || f[2] === state.rule) && docShown(d);
  }

  // The findings that pass the filters, as pairs (document, finding).
  var list = new Int32Array(0);
  var count = 0;
  function refilter() {
    var pairs = new Int32Array(2 * total);
    count = 0;
    for (var d = 0; d < docs.length; d++) {
      if (!docShown(d)) continue;
      var fs = docs[d].findings;
      for (var k = 0; k < fs.length; k++) {
        if (shown(d, fs[k])) { pairs[2 * count] = d; pairs[2 * count + 1] = k; count++; }
      }
    }
    list = pairs;
    $("filter-count").textContent = count + " of " + total + " findings shown";
  }

  function pager(nav, page, pages, go) {
    nav.textContent = "";
    if (pages <= 1) return;
    var prev = el("button", "", "‹ previous"); prev.type = "button"; prev.disabled = page === 0;
    prev.addEventListener("click", function () { go(page - 1); });
    var next = el("button", "", "next ›"); next.type = "button"; next.disabled = page >= pages - 1;
    next.addEventListener("click", function () { go(page + 1); });
    nav.appendChild(prev);
    nav.appendChild(el("span", "", "page " + (page + 1) + " of " + pages));
    nav.appendChild(next);
  }

  // The documents table.
  var docPage = 0;
  function renderDocs(page) {
    var rows = [];
    for (var d = 0; d < docs.length; d++) if (docShown(d)) rows.push(d);
    var pages = Math.max(1, Math.ceil(rows.length / DOC_PAGE));
    docPage = Math.min(page, pages - 1);
    var body = $("doc-rows");
    body.textContent = "";
    rows.slice(docPage * DOC_PAGE, (docPage + 1) * DOC_PAGE).forEach(function (d) {
      var doc = docs[d];
      var tr = el("tr", doc.verdict);
      var td = el("td");
      var open = el("button", "link", doc.file); open.type = "button";
      open.addEventListener("click", function () { show(d, 0); $("text").focus(); });
      td.appendChild(open);
      tr.appendChild(td);
      [doc.words, doc.findings.length, doc.penalty.toFixed(2), doc.quality.toFixed(2),
        doc.calibrated.toFixed(2), doc.verdict].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      body.appendChild(tr);
    });
    pager($("doc-pager"), docPage, pages, renderDocs);
  }

  // The text of one document (or one part of a long one) with its marks.
  var cur = -1, part = 0;
  function parts(doc) {
    if (doc.findings.length <= PART && doc.text.length <= TEXT_MAX) return 1;
    return Math.max(1, Math.ceil(doc.findings.length / PART));
  }
  function show(d, p) {
    cur = d; part = p;
    var doc = docs[d], fs = doc.findings;
    var n = parts(doc);
    var first = 0, last = fs.length, from = 0, to = doc.text.length;
    if (n > 1 || doc.text.length > TEXT_MAX) {
      first = p * PART; last = Math.min(fs.length, first + PART);
      if (last > first) {
        from = fs[first][0]; to = fs[first][1];
        for (var k = first; k < last; k++) to = Math.max(to, fs[k][1]);
        // Some text around the part: back to the line start, on to the line end.
        var lo = doc.text.lastIndexOf("\n", from - 1);
        from = Math.max(lo + 1, from - 500, 0);
        var hi = doc.text.indexOf("\n", to);
        to = Math.min(hi < 0 ? doc.text.length : hi, to + 500);
      } else {
        to = Math.min(doc.text.length, TEXT_MAX);
      }
    }
    $("viewer-file").textContent = doc.file + " · " + fs.length + " findings · quality " +
      doc.quality.toFixed(2) + " · " + doc.verdict;
    pager($("part-pager"), p, n, function (q) { show(d, q); });
    var box = $("text");
    box.textContent = "";
    var frag = document.createDocumentFragment();
    if (from > 0) frag.appendChild(document.createTextNode("…"));
    // Cut the range at every start and end; each piece is nested in the
    // marks of the findings that cover it, earliest (then longest) outermost.
    var cuts = [from, to];
    for (var i = first; i < last; i++) {
      if (fs[i][0] > from && fs[i][0] < to) cuts.push(fs[i][0]);
      if (fs[i][1] > from && fs[i][1] < to) cuts.push(fs[i][1]);
    }
    cuts.sort(function (a, b) { return a - b; });
    // A finding of no width (a missing word) is a caret mark at its place.
    var zero = {};
    for (var e = first; e < last; e++) {
      if (fs[e][0] === fs[e][1]) (zero[fs[e][0]] = zero[fs[e][0]] || []).push(e);
    }
    function caret(at) {
      (zero[at] || []).forEach(function (j) {
        var on = shown(d, fs[j]), mark = el("mark", rules[fs[j][2]][2] + (on ? "" : " off"), "\u2038");
        mark.setAttribute("data-f", String(j));
        mark.id = "f" + d + "-" + j;
        if (on) { mark.tabIndex = 0; mark.setAttribute("aria-describedby", "tip"); }
        frag.appendChild(mark);
      });
      delete zero[at];
    }
    var active = [], next = first, seen = {};
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], z = cuts[c + 1];
      caret(a);
      if (a === z) continue;
      while (next < last && fs[next][0] <= a) { active.push(next); next++; }
      active = active.filter(function (j) { return fs[j][1] > a; });
      var node = document.createTextNode(doc.text.slice(a, z));
      for (var m = active.length - 1; m >= 0; m--) {
        var j = active[m], f = fs[j], rule = rules[f[2]];
        var on = shown(d, f);
        var mark = el("mark", on ? rule[2] : rule[2] + " off");
        mark.setAttribute("data-f", String(j));
        if (!seen[j]) {
          seen[j] = true;
          mark.id = "f" + d + "-" + j;
          if (on) { mark.tabIndex = 0; mark.setAttribute("aria-describedby", "tip"); }
        }
        mark.appendChild(node);
        node = mark;
      }
      frag.appendChild(node);
    }
    caret(to);
    if (to < doc.text.length) frag.appendChild(document.createTextNode("…"));
    box.appendChild(frag);
  }

  function jump(d, k) {
    var p = parts(docs[d]) > 1 || docs[d].text.length > TEXT_MAX ? Math.floor(k / PART) : 0;
    if (cur !== d || part !== p) show(d, p);
    var mark = $("f" + d + "-" + k);
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }

  // The findings list.
  var findingPage = 0;
  function renderFindings(page) {
    var pages = Math.max(1, Math.ceil(count / PAGE));
    findingPage = Math.min(page, pages - 1);
    var body = $("finding-rows");
    body.textContent = "";
    var end = Math.min(count, (findingPage + 1) * PAGE);
    for (var i = findingPage * PAGE; i < end; i++) {
      var d = list[2 * i], k = list[2 * i + 1], doc = docs[d], f = doc.findings[k], r = rules[f[2]];
      var tr = el("tr");
      tr.appendChild(el("td", "", doc.file));
      var at = el("td"), a = el("a", "", f[6] + ":" + f[7]);
      a.href = "#f" + d + "-" + k;
      a.addEventListener("click", (function (d, k) {
        return function (ev) { ev.preventDefault(); jump(d, k); };
      })(d, k));
      at.appendChild(a);
      tr.appendChild(at);
      var sev = el("td"); sev.appendChild(el("span", "sev " + r[2], r[2])); tr.appendChild(sev);
      tr.appendChild(el("td", "", r[1]));
      tr.appendChild(el("td", "", r[0]));
      tr.appendChild(el("td", "", doc.text.slice(f[0], Math.min(f[1], f[0] + 200))));
      tr.appendChild(el("td", "", f[5].join(" | ")));
      body.appendChild(tr);
    }
    pager($("finding-pager"), findingPage, pages, renderFindings);
  }

  // The tooltip, on hover and on keyboard focus.
  var tip = $("tip");
  function showTip(mark) {
    if (!mark || mark.classList.contains("off") || cur < 0) { tip.hidden = true; return; }
    var f = docs[cur].findings[Number(mark.getAttribute("data-f"))], r = rules[f[2]];
    tip.textContent = "";
    var head = el("p"); head.appendChild(el("b", "", r[0]));
    head.appendChild(document.createTextNode(" · " + r[2] + " " + r[1]));
    tip.appendChild(head);
    if (f[5].length) tip.appendChild(el("p", "", "suggestion: " + f[5].join(" or ")));
    if (r[3]) tip.appendChild(el("p", "", r[3]));
    tip.appendChild(el("p", "", "confidence " + f[3].toFixed(3) + " · penalty " + f[4].toFixed(3)));
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, box.left + window.scrollX) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    tip.hidden = false;
  }
  var text = $("text");
  text.addEventListener("mouseover", function (ev) { showTip(ev.target.closest("mark")); });
  text.addEventListener("mouseout", function () { tip.hidden = true; });
  text.addEventListener("focusin", function (ev) { showTip(ev.target.closest("mark")); });
  text.addEventListener("focusout", function () { tip.hidden = true; });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") tip.hidden = true; });

  function update() {
    state.sev = { minor: false, major: false, critical: false };
    document.querySelectorAll("input[name=severity]").forEach(function (box) { state.sev[box.value] = box.checked; });
    state.category = catSelect.value;
    state.rule = ruleSelect.value === "" ? -1 : Number(ruleSelect.value);
    state.file = $("filter-file").value.trim().toLowerCase();
    refilter();
    renderDocs(0);
    renderFindings(0);
    if (cur >= 0) show(cur, part);
  }
  $("filter-form").addEventListener("input", update);

  refilter();
  renderDocs(0);
  renderFindings(0);
  var firstWithFindings = 0;
  for (var w = 0; w < docs.length; w++) if (docs[w].findings.length) { firstWithFindings = w; break; }
  if (docs.length) show(firstWithFindings, 0);
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
