// Hesabat: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var lang = document.body.getAttribute("data-lang") || "az";

  // Facet checkboxes apply at once; the Apply button stays for keyboards without JS.
  var form = document.getElementById("search-form");
  if (form) {
    form.addEventListener("change", function (e) {
      if (e.target && e.target.type === "checkbox") { form.submit(); }
    });
  }

  // Search-as-you-type suggestions from /api/suggest.
  var q = document.getElementById("q");
  var box = document.getElementById("suggest");
  if (q && box) {
    var timer = null, seq = 0;
    var close = function () { box.hidden = true; box.textContent = ""; q.setAttribute("aria-expanded", "false"); };
    var link = function (href, text, extra) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      if (extra) { var s = document.createElement("span"); s.className = "count"; s.textContent = extra; a.appendChild(document.createTextNode(" ")); a.appendChild(s); }
      li.appendChild(a);
      return li;
    };
    var show = function (data) {
      box.textContent = "";
      var any = false;
      if (data.terms && data.terms.length) {
        var ul = document.createElement("ul");
        // A term completes the last word typed; the words before it stay.
        var typed = q.value.replace(/\s+$/, "");
        var head = typed.slice(0, typed.length - typed.split(/\s+/).pop().length);
        data.terms.forEach(function (t) { ul.appendChild(link("/?q=" + encodeURIComponent(head + t.term) + "&lang=" + lang, head + t.term, String(t.count))); });
        box.appendChild(ul);
        any = true;
      }
      if (data.measures && data.measures.length) {
        var ul2 = document.createElement("ul");
        data.measures.forEach(function (m) {
          ul2.appendChild(link("/measures/" + encodeURIComponent(m.report) + "/" + encodeURIComponent(m.number), m.number + " " + m.title));
        });
        box.appendChild(ul2);
        any = true;
      }
      box.hidden = !any;
      q.setAttribute("aria-expanded", any ? "true" : "false");
    };
    q.addEventListener("input", function () {
      clearTimeout(timer);
      var v = q.value.trim();
      if (v.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var my = ++seq;
        fetch("/api/suggest?n=6&q=" + encodeURIComponent(v), {headers: {Accept: "application/json"}})
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d && my === seq) { show(d); } })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
    q.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { close(); }
      if (e.key === "ArrowDown" && !box.hidden) {
        var first = box.querySelector("a");
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    box.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i >= 0 && i < links.length - 1) { e.preventDefault(); links[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); if (i > 0) { links[i - 1].focus(); } else { q.focus(); } }
      if (e.key === "Escape") { close(); q.focus(); }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target) && e.target !== q) { close(); } });
  }

  // Copy buttons for embed snippets.
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (b) {
    b.addEventListener("click", function () {
      var ta = document.getElementById(b.getAttribute("data-copy"));
      if (!ta) { return; }
      var done = function () { var old = b.textContent; b.textContent = b.getAttribute("data-copied"); setTimeout(function () { b.textContent = old; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(ta.value).then(done, function () { ta.select(); });
      } else {
        ta.select();
        try { document.execCommand("copy"); done(); } catch (err) { /* the text stays selected */ }
      }
    });
  });

  // PNG and SVG downloads: each chart's own script handles the buttons
  // (data-download, data-target) outside its canvas.

  // Embed code size presets: the chart says how high it needs to be at the
  // width picked; the code and the note under it follow.
  Array.prototype.forEach.call(document.querySelectorAll("select[data-size-for]"), function (sel) {
    var box = sel.closest("details.embed"), ta = document.getElementById(sel.getAttribute("data-size-for"));
    if (!box || !ta) { return; }
    var esc = function (s) { return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); };
    var update = function () {
      var el = document.getElementById(box.getAttribute("data-target"));
      var v = sel.value, w = v === "100%" ? (el ? el.clientWidth : 640) : Number(v);
      var h = ta.value.match(/height="(\d+)"/);
      h = h ? Number(h[1]) : 480;
      if (el && el.hesabatLayout) {
        // The embed page adds its heading, buttons and source line to the chart.
        var title = box.getAttribute("data-embed-title") || "";
        h = el.hesabatLayout(w - 16) + 20 * Math.ceil(title.length * 8 / Math.max(200, w - 16)) + 16 + 80;
      }
      ta.value = '<iframe src="' + esc(box.getAttribute("data-embed-url")) + '" title="' + esc(box.getAttribute("data-embed-title")) +
        '" width="' + esc(v) + '" height="' + h + '" style="border:0;max-width:100%" loading="lazy"></iframe>';
      var dims = box.querySelector(".embed-dims");
      if (dims) { dims.textContent = (v === "100%" ? "100%" : v + " px") + " × " + h + " px"; }
    };
    sel.addEventListener("change", update);
    box.addEventListener("toggle", function () { if (box.open) { update(); } });
  });
})();
