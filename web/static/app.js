// Hesabat: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var lang = document.body.getAttribute("data-lang") || "az";

  // Facet checkboxes apply at once, without reloading the page: the results
  // and filters are fetched and swapped in place, the URL follows
  // (history.pushState), focus stays on the checkbox just ticked and a status
  // line reads the new count. Without fetch (or if it fails) the form is
  // submitted; without this file the Apply button does it.
  var form = document.getElementById("search-form");
  if (form) {
    var announce = document.getElementById("results-status");
    form.addEventListener("change", function (e) {
      var box = e.target;
      if (!box || (box.type !== "checkbox" && box.tagName !== "SELECT")) { return; }
      if (!window.fetch || !window.DOMParser || !window.history || !history.pushState || !window.URLSearchParams) { form.submit(); return; }
      var params = new URLSearchParams(new FormData(form));
      params.delete("from");
      var target = "/?" + params.toString();
      fetch(target, {headers: {Accept: "text/html"}, credentials: "same-origin"})
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
        .then(function (html) {
          // The page's own <style> would be applied (and refused by the
          // Content-Security-Policy) in the parsed copy: drop it first.
          var doc = new DOMParser().parseFromString(html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, ""), "text/html");
          var fresh = doc.querySelector("#search-form .layout"), old = form.querySelector(".layout");
          if (!fresh || !old) { throw new Error("no results in the page"); }
          old.parentNode.replaceChild(document.importNode(fresh, true), old);
          history.pushState({hesabat: 1}, "", target);
          document.title = doc.title;
          var sel = 'input[type=checkbox][name="' + box.name + '"][value="' + (window.CSS && CSS.escape ? CSS.escape(box.value) : box.value) + '"]';
          var again = box.tagName === "SELECT" ? document.getElementById(box.id) : form.querySelector(sel);
          if (again) { again.focus(); }
          var summary = form.querySelector(".summary");
          if (announce && summary) { announce.textContent = summary.textContent.replace(/\s+/g, " ").trim(); }
        })
        .catch(function () { form.submit(); });
    });
    window.addEventListener("popstate", function () { location.reload(); });
  }

  // Search-as-you-type suggestions from /api/suggest, as an ARIA combobox:
  // the input owns a listbox of options; arrow keys move the active option
  // (aria-activedescendant) while focus stays in the input, Enter opens it,
  // Escape closes the list. A status line says how many there are, instead
  // of reading the whole list at each keystroke.
  var q = document.getElementById("q");
  var box = document.getElementById("suggest");
  var status = document.getElementById("suggest-status");
  if (q && box) {
    var timer = null, seq = 0, active = -1;
    var options = function () { return Array.prototype.slice.call(box.querySelectorAll("[role=option]")); };
    var setActive = function (i) {
      var all = options();
      all.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && all[i]) {
        q.setAttribute("aria-activedescendant", all[i].id);
        all[i].scrollIntoView({block: "nearest"});
      } else {
        q.removeAttribute("aria-activedescendant");
      }
    };
    var close = function () {
      box.hidden = true; box.textContent = ""; active = -1;
      q.setAttribute("aria-expanded", "false"); q.removeAttribute("aria-activedescendant");
    };
    var n = 0;
    var option = function (href, text, extra) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggest-" + (n++);
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href);
      li.textContent = text;
      if (extra) { var s = document.createElement("span"); s.className = "count"; s.textContent = " " + extra; li.appendChild(s); }
      li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = href; });
      return li;
    };
    var group = function (label) {
      var ul = document.createElement("ul");
      ul.setAttribute("role", "group");
      ul.setAttribute("aria-label", label);
      return ul;
    };
    var show = function (data) {
      box.textContent = "";
      n = 0;
      var count = 0;
      if (data.terms && data.terms.length) {
        var ul = group(box.getAttribute("data-terms") || "");
        // A term completes the last word typed; the words before it stay.
        var typed = q.value.replace(/\s+$/, "");
        var head = typed.slice(0, typed.length - typed.split(/\s+/).pop().length);
        data.terms.forEach(function (t) { ul.appendChild(option("/?q=" + encodeURIComponent(head + t.term) + "&lang=" + lang, head + t.term, "(" + t.count + ")")); count++; });
        box.appendChild(ul);
      }
      if (data.measures && data.measures.length) {
        var ul2 = group(box.getAttribute("data-measures") || "");
        data.measures.forEach(function (m) {
          ul2.appendChild(option("/measures/" + encodeURIComponent(m.report) + "/" + encodeURIComponent(m.number) + "?lang=" + lang, m.number + " " + m.title));
          count++;
        });
        box.appendChild(ul2);
      }
      box.hidden = count === 0;
      active = -1;
      q.setAttribute("aria-expanded", count ? "true" : "false");
      q.removeAttribute("aria-activedescendant");
      if (status) { status.textContent = count ? (box.getAttribute("data-count") || "%d").replace("%d", count) : ""; }
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
      var all = options();
      if (e.key === "Escape") { close(); return; }
      if (box.hidden || !all.length) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); setActive(active < all.length - 1 ? active + 1 : 0); }
      if (e.key === "ArrowUp") { e.preventDefault(); setActive(active > 0 ? active - 1 : all.length - 1); }
      if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = all[active].getAttribute("data-href"); }
    });
    q.addEventListener("blur", function () { setTimeout(close, 150); });
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

  // Without a configured public address the server writes root-relative
  // URLs (it never trusts the request's Host header); the page knows its
  // own origin, so the embed code and the share field get absolute URLs.
  var abs = function (u) { return u && u.charAt(0) === "/" && u.charAt(1) !== "/" ? location.origin + u : u; };
  Array.prototype.forEach.call(document.querySelectorAll("input.share-url"), function (i) { i.value = abs(i.value); });
  Array.prototype.forEach.call(document.querySelectorAll("textarea.embed-code"), function (t) {
    t.value = t.value.replace(/src="(\/[^"\/][^"]*)"/, function (m, u) { return 'src="' + abs(u) + '"'; });
  });

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
      ta.value = '<iframe src="' + esc(abs(box.getAttribute("data-embed-url"))) + '" title="' + esc(box.getAttribute("data-embed-title")) +
        '" width="' + esc(v) + '" height="' + h + '" style="border:0;max-width:100%" loading="lazy"></iframe>';
      var dims = box.querySelector(".embed-dims");
      if (dims) { dims.textContent = (v === "100%" ? "100%" : v + " px") + " × " + h + " px"; }
    };
    sel.addEventListener("change", update);
    box.addEventListener("toggle", function () { if (box.open) { update(); } });
  });
})();
