// gantrack report: sorts the runs table on a header click and draws one uPlot chart per metric.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function cellValue(td) {
    var v = td.getAttribute("data-sort");
    if (v !== null && v !== "") {
      var n = Number(v);
      return isNaN(n) ? v : n;
    }
    return td.textContent;
  }

  function sortBy(table, col, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a.cells[col]), y = cellValue(b.cells[col]);
      var missingX = x === "" || x === "-", missingY = y === "" || y === "-";
      if (missingX !== missingY) { return missingX ? 1 : -1; } // missing values last, either way
      var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.querySelectorAll("table.runs").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.addEventListener("click", function () { sortBy(table, col, th); });
    });
  });

  var holder = document.getElementById("charts");
  var key = document.getElementById("chart-key");
  data.runs.forEach(function (run) {
    var item = document.createElement("span");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = run.color;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(run.label));
    key.appendChild(item);
  });
  data.charts.forEach(function (chart) {
    var div = document.createElement("div");
    div.className = "chart";
    div.setAttribute("data-metric", chart.metric);
    var title = document.createElement("h3");
    title.textContent = chart.metric;
    div.appendChild(title);
    holder.appendChild(div);
    var series = [{ label: "step" }];
    chart.runs.forEach(function (i) {
      series.push({ label: data.runs[i].label, stroke: data.runs[i].color, width: 1.5, spanGaps: true });
    });
    new uPlot({ width: 460, height: 260, series: series, scales: { x: { time: false } },
                axes: [{ label: "step" }, { size: 60, values: function (u, ticks) {
                  return ticks.map(function (v) { return v == null ? "" : String(Number(v.toPrecision(3))); }); } }],
                legend: { show: false } },
              chart.data, div);
  });
})();
