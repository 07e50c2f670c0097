// АИС «Ресурс», REP-6: draws the dashboards' charts with the vendored Chart.js.
// A chart's data sits in a JSON block ({{ data|json_script:"id" }}); its canvas names the
// block in data-chart. Every chart has a table with the same numbers beside it.
(function () {
  "use strict";

  const COLOURS = ["#0d6efd", "#198754", "#d63384", "#fd7e14", "#6f42c1", "#20c997", "#6c757d"];

  function dataset(spec, index, type) {
    const colour = COLOURS[index % COLOURS.length];
    const result = {
      label: spec.label,
      data: spec.data,
      borderColor: colour,
      backgroundColor: type === "bar" ? colour + "99" : colour,
      spanGaps: true,
      tension: 0,
    };
    if (type === "bar") {
      return result;
    }
    if (spec.axis === "ratio") {
      result.yAxisID = "ratio";
      if (type === "line") {
        result.borderDash = [6, 4];
      }
    } else {
      result.yAxisID = "count";
    }
    return result;
  }

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
    const datasets = spec.datasets.map((item, index) => dataset(item, index, spec.type));
    const horizontal = spec.type === "bar" && spec.labels.length > 6;
    const scales = {};
    if (spec.type === "bar") {
      scales[horizontal ? "x" : "y"] = { min: 0, max: 1 };
    } else if (datasets.some((item) => item.yAxisID === "count")) {
      scales.count = { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } };
    }
    if (spec.type !== "bar" && datasets.some((item) => item.yAxisID === "ratio")) {
      scales.ratio = {
        type: "linear",
        position: scales.count ? "right" : "left",
        min: 0,
        max: 1,
        grid: { drawOnChartArea: !scales.count },
      };
    }
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        animation: false,
        locale: "ru-RU",
        indexAxis: horizontal ? "y" : "x",
        scales: scales,
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
})();
