// Charts drawn with Chart.js (npm, served from this site) from data each page carries in a
// <script type="application/json"> — the Content-Security-Policy allows no inline script:
//   <canvas data-chart="ID"> ... {{ spec|json_script:"ID" }}
// A spec: {labels, values (null where there is no data), target, labels_text: {value, target, no_data}}.
// Bars below the target are red, the others green; a year without data says so instead of drawing 0.
(() => {
  const RED = "#b02a37", GREEN = "#198754", GREY = "#6c757d";
  const number = new Intl.NumberFormat(document.documentElement.lang || "vi", {maximumFractionDigits: 2});

  // Writes "no data" where a bar is missing, so an empty year is not read as 0 %.
  const noData = {
    id: "antqNoData",
    afterDatasetsDraw(chart) {
      const spec = chart.options.plugins.antqNoData;
      const meta = chart.getDatasetMeta(0);
      const {ctx, chartArea} = chart;
      ctx.save();
      ctx.fillStyle = GREY;
      ctx.textAlign = "center";
      ctx.font = "12px system-ui, sans-serif";
      spec.values.forEach((value, index) => {
        if (value === null) ctx.fillText(spec.text, meta.data[index].x, chartArea.bottom - 6);
      });
      ctx.restore();
    },
  };

  function draw(canvas) {
    const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    const colours = spec.values.map((v) => (spec.target !== null && v !== null && v < spec.target ? RED : GREEN));
    const datasets = [{type: "bar", label: spec.text.value, data: spec.values, backgroundColor: colours,
                       maxBarThickness: 48, order: 2}];
    if (spec.target !== null) {
      datasets.push({type: "line", label: spec.text.target, data: spec.labels.map(() => spec.target),
                     borderColor: "#212529", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, order: 1});
    }
    new window.Chart(canvas, {
      data: {labels: spec.labels, datasets},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {y: {min: 0, max: 100, ticks: {callback: (v) => `${v} %`}}},
        plugins: {
          legend: {position: "bottom", labels: {boxWidth: 12}},
          tooltip: {callbacks: {label: (item) => `${item.dataset.label}: ${
            item.raw === null ? spec.text.no_data : `${number.format(item.raw)} %`}`}},
          antqNoData: {values: spec.values, text: spec.text.no_data},
        },
      },
      plugins: [noData],
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.Chart) return;  // the data table beside each chart still reads
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
