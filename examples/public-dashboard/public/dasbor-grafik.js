// The dashboard's charts, drawn with Chart.js from the figures the page carries in
// <script type="application/json" id="data-grafik"> (the CSP allows no inline script). Each chart's table holds the
// same numbers and is what screen readers use; without JavaScript the page is the tables alone.
(function () {
  'use strict';
  var source = document.getElementById('data-grafik');
  if (!source || typeof window.Chart !== 'function') return;
  var specs = JSON.parse(source.textContent);
  var Chart = window.Chart;

  // A phone: no animation; the system font the stylesheet uses.
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.color = '#1b1f24';
  Chart.defaults.maintainAspectRatio = false;
  var narrow = window.matchMedia('(max-width: 600px)').matches;

  // Long names ("Program Keluarga Harapan"): wrapped on lines of about 22 characters rather than cut by the axis.
  function wrap(name) {
    var lines = [];
    String(name).split(' ').forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last !== undefined && (last + ' ' + word).length <= (narrow ? 16 : 24)) lines[lines.length - 1] = last + ' ' + word;
      else lines.push(word);
    });
    return lines;
  }
  var number = function (v) { return Number(v).toLocaleString('id-ID'); };

  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    if (spec.kind === 'bars') {
      // One horizontal bar per row, the chart as tall as its rows' wrapped names need.
      var labels = spec.labels.map(wrap);
      var rowsHeight = labels.reduce(function (sum, lines) { return sum + Math.max(narrow ? 40 : 32, lines.length * 15 + 10); }, 0);
      canvas.parentElement.style.height = Math.max(140, 50 + rowsHeight) + 'px';
      new Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: spec.label, data: spec.values, backgroundColor: '#0b5394' }] },
        options: {
          indexAxis: 'y',
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return c.raw === null ? '<5' : number(c.raw) + (spec.percent ? '%' : ''); } } } },
          scales: {
            x: spec.percent
              ? { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } }
              : { beginAtZero: true, ticks: { precision: 0, callback: number } },
            y: { ticks: { autoSkip: false } },
          },
        },
      });
      return;
    }
    // The trend: complaints as bars (left axis), the on-time rate as a line (right axis, 0–100 %).
    new Chart(canvas, {
      data: {
        labels: spec.labels,
        datasets: [
          { type: 'bar', label: 'Pengaduan', data: spec.values, backgroundColor: '#8fb3d9', yAxisID: 'y', order: 2 },
          { type: 'line', label: 'Tepat waktu (%)', data: spec.rates, borderColor: '#1a7f37', backgroundColor: '#1a7f37', yAxisID: 'rate', spanGaps: false, order: 1 },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0, callback: number }, title: { display: !narrow, text: 'Pengaduan' } },
          rate: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: function (v) { return v + '%'; } } },
          x: { ticks: { maxRotation: narrow ? 60 : 0, autoSkip: true } },
        },
      },
    });
  });
})();
