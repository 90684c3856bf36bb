// vnkr report: charts, claim details and filters. Everything it needs is in this file.
(function () {
  "use strict";
  var claims = JSON.parse(document.getElementById("vnkr-claims").textContent);
  var charts = JSON.parse(document.getElementById("vnkr-charts").textContent);

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return el;
  }

  // A claim's fields, shown when its mark is clicked (or Enter is pressed on it).
  var detail = document.getElementById("detail");
  var body = document.getElementById("detail-body");
  var active = null;
  function show(mark) {
    body.innerHTML = "";
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

  // Filters: a group or chart shows when its topic and status are both ticked; marks of other topics fade.
  function ticked(name) {
    var out = {};
    document.querySelectorAll("input[data-filter='" + name + "']").forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  function apply() {
    var topics = ticked("topic"), statuses = ticked("status");
    document.querySelectorAll(".group, .chart-card").forEach(function (el) {
      var topicOk = topics[el.dataset.topic] !== false;
      var statusOk = !el.dataset.status || statuses[el.dataset.status] !== false;
      el.hidden = !(topicOk && statusOk);
    });
    document.querySelectorAll("mark.claim").forEach(function (mark) {
      mark.classList.toggle("dim", topics[mark.dataset.topic] === false);
    });
  }
  document.getElementById("filters").addEventListener("change", apply);

  // Charts: drawn with the plotly.js bundled above; the page says when all are drawn.
  var config = { responsive: true, displayModeBar: false };
  var drawn = charts.map(function (figure, i) {
    return Plotly.newPlot("chart-" + i, figure.data, figure.layout, config);
  });
  Promise.all(drawn).then(function () { document.body.dataset.ready = "1"; });
})();
