// АИС «Ресурс», SOC-10: draws the statistics' bar chart with the vendored Chart.js (the
// approach of reporting/charts.js). The chart's data sits in a JSON block
// ({{ data|json_script:"id" }}); its canvas names the block in data-chart. The table below
// the chart has the same numbers. Redrawn after htmx swaps the results in.
(function () {
  "use strict";

  const COLOURS = ["#0d6efd", "#198754", "#d63384", "#fd7e14", "#6f42c1", "#20c997"];

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    const spec = JSON.parse(source.textContent);
    if (!spec.labels || spec.labels.length === 0) {
      canvas.hidden = true;
      return;
    }
    const previous = window.Chart.getChart(canvas);
    if (previous) {
      previous.destroy();
    }
    const box = canvas.parentElement;
    if (box && box.dataset.chartHeight) {
      // set here: CSP allows no style attribute in the markup
      box.style.position = "relative";
      box.style.height = box.dataset.chartHeight + "px";
    }
    const horizontal = spec.labels.length > 6;
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (item, index) {
          const colour = COLOURS[index % COLOURS.length];
          return { label: item.label, data: item.data, borderColor: colour, backgroundColor: colour + "99" };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "ru-RU",
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal
          ? { x: { beginAtZero: true, ticks: { precision: 0 } } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
