// vnkr report: charts, claim details, search and filters, the corrections skeleton. Everything it needs is in this file.
// Text from the input is only ever set as textContent or an attribute's value, never parsed as markup.
(function () {
  "use strict";
  var claims = JSON.parse(document.getElementById("vnkr-claims").textContent);
  var charts = JSON.parse(document.getElementById("vnkr-charts").textContent);
  var byId = {};
  claims.forEach(function (claim) { if (claim.id) byId[claim.id] = claim; });

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return el;
  }

  // Claims marked for the corrections file, in the order they were ticked; every box of one id agrees.
  var picked = [];
  function pickBox(id) {
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "pick";
    box.dataset.claim = id;
    box.checked = picked.indexOf(id) >= 0;
    box.setAttribute("aria-label", "mark " + id + " for the corrections skeleton");
    return box;
  }
  function setPicked(id, on) {
    var at = picked.indexOf(id);
    if (on && at < 0) picked.push(id);
    if (!on && at >= 0) picked.splice(at, 1);
    document.querySelectorAll("input.pick").forEach(function (box) { if (box.dataset.claim === id) box.checked = on; });
    document.getElementById("picked").textContent = String(picked.length);
    document.getElementById("skeleton").disabled = picked.length === 0;
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.classList && box.classList.contains("pick")) setPicked(box.dataset.claim, box.checked);
  });

  // A claim's fields, shown when its mark is clicked (or Enter is pressed on it).
  var detail = document.getElementById("detail");
  var body = document.getElementById("detail-body");
  var active = null;
  function show(mark) {
    body.textContent = "";
    mark.dataset.claims.split(",").forEach(function (index) {
      var claim = claims[Number(index)];
      var table = document.createElement("table");
      Object.keys(claim).forEach(function (key) {
        var value = claim[key];
        if (value === null || value === "" || key === "sentence") return;
        var row = document.createElement("tr");
        row.appendChild(text("td", key));
        row.appendChild(text("td", typeof value === "object" ? JSON.stringify(value) : String(value)));
        table.appendChild(row);
      });
      body.appendChild(text("h3", claim.text));
      if (claim.id) {
        var label = document.createElement("label");
        label.className = "cid";
        label.appendChild(pickBox(claim.id));
        label.appendChild(text("span", " mark for the corrections skeleton"));
        body.appendChild(label);
      }
      body.appendChild(table);
    });
    if (active) active.classList.remove("active");
    active = mark;
    mark.classList.add("active");
    detail.hidden = false;
  }
  document.querySelectorAll("mark.claim").forEach(function (mark) {
    mark.addEventListener("click", function () { show(mark); });
    mark.addEventListener("keydown", function (event) { if (event.key === "Enter") show(mark); });
  });
  document.getElementById("detail-close").addEventListener("click", function () {
    detail.hidden = true;
    if (active) active.classList.remove("active");
  });

  // A link into a folded part (a document, the single-source groups) unfolds it first.
  function reveal(hash, raw) {
    var id = hash.slice(1);
    if (!raw) try { id = decodeURIComponent(id); } catch (error) { /* a lone '%' in a document's name: the id as written */ }
    var el = id && document.getElementById(id);
    for (; el; el = el.parentElement) if (el.tagName === "DETAILS") el.open = true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) reveal(link.getAttribute("href"), true);
  });
  window.addEventListener("hashchange", function () { reveal(location.hash); });
  if (location.hash) reveal(location.hash);

  // Search and filters: a part shows when its topic and status are ticked and it holds every word searched
  // (its text: sentences, figures, outlets, titles, document names, claim ids); marks of other topics fade.
  function ticked(name) {
    var out = {};
    document.querySelectorAll("input[data-filter='" + name + "']").forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  var search = document.getElementById("search");
  function apply() {
    var topics = ticked("topic"), statuses = ticked("status");
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, parts = 0;
    document.querySelectorAll(".group, .check-card, .chart-card, .conflict-line, .document").forEach(function (el) {
      var topicOk = !el.dataset.topic || topics[el.dataset.topic] !== false;
      var statusOk = !el.dataset.status || statuses[el.dataset.status] !== false;
      var haystack = words.length ? el.textContent.toLowerCase() : "";
      var found = words.every(function (word) { return haystack.indexOf(word) >= 0; });
      el.hidden = !(topicOk && statusOk && found);
      if (words.length && el.classList.contains("group")) { parts += 1; if (!el.hidden) shown += 1; }
    });
    document.querySelectorAll("mark.claim").forEach(function (mark) {
      mark.classList.toggle("dim", topics[mark.dataset.topic] === false);
    });
    document.querySelectorAll(".summary-head").forEach(function (head) {  // a heading over no line left goes too
      head.hidden = !head.nextElementSibling.querySelector(".conflict-line:not([hidden])");
    });
    document.getElementById("search-count").textContent = words.length ? shown + " of " + parts + " groups" : "";
    document.querySelectorAll("details.folded").forEach(function (fold) {  // a search opens the folds it finds something in, and closes them after
      var inside = fold.querySelectorAll(".group:not([hidden])").length;
      fold.querySelector(".match-count").textContent = words.length || inside < fold.querySelectorAll(".group").length ? "(" + inside + " shown)" : "";
      if (words.length && inside && !fold.open) { fold.open = true; fold.dataset.bySearch = "1"; }
      if ((!words.length || !inside) && fold.dataset.bySearch) { fold.open = false; delete fold.dataset.bySearch; }
    });
  }
  document.getElementById("filters").addEventListener("change", apply);
  search.addEventListener("input", apply);

  // The corrections skeleton: a TOML file with one [[correction]] per marked claim, for the user to fill in.
  function tomlString(value) {
    return "\"" + String(value).replace(/[\\"\u0000-\u001f\u007f]/g, function (c) {
      if (c === "\\") return "\\\\";
      if (c === "\"") return "\\\"";
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }) + "\"";
  }
  function commentText(value, most) {
    var chars = Array.from(String(value).replace(/[\u0000-\u001f\u007f]+/g, " ").trim());  // a comment holds no line end
    return chars.length > most ? chars.slice(0, most - 1).join("") + "…" : chars.join("");
  }
  function skeleton(ids) {
    var blocks = ids.map(function (id) {
      var claim = byId[id] || {};
      var note = claim.text ? "   # \"" + commentText(claim.text, 80) + "\"" + (claim.sentence ? " — " + commentText(claim.sentence, 100) : "") : "";
      return ["[[correction]]", "id = " + tomlString(id) + note, "# drop = true",
        "# set = { period = " + tomlString(claim.period || "YYYY") + ", metric = " + tomlString(claim.metric || "METRIC") + " }"].join("\n");
    });
    return "# vnkr corrections skeleton: fill in one of drop / set for each claim\n" + blocks.join("\n\n") + "\n";
  }
  document.getElementById("skeleton").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([skeleton(picked)], { type: "application/toml" }));
    link.download = "corrections.toml";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  // Charts: drawn with the plotly.js bundled above; a legend entry shows or hides its trace; the page says when all are drawn.
  var config = { responsive: true, displayModeBar: false };
  var drawn = charts.map(function (figure, i) {
    return Plotly.newPlot("chart-" + i, figure.data, figure.layout, config);
  });
  document.querySelectorAll(".chart-card .legend-item").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      Plotly.restyle(button.closest(".chart-card").querySelector(".chart"), { visible: on }, [Number(button.dataset.trace)]);
    });
  });
  Promise.all(drawn).then(function () { document.body.dataset.ready = "1"; });
})();
