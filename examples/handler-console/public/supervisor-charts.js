// The supervisor's charts (/penyelia), drawn with Chart.js from the numbers the page carries in
// <script type="application/json" id="data-grafik">. The table under the charts holds the same numbers
// and is what screen readers use; without JavaScript the page is the table alone.
(function () {
  'use strict';
  var source = document.getElementById('data-grafik');
  if (!source || typeof window.Chart !== 'function') return;
  var data = JSON.parse(source.textContent);
  var Chart = window.Chart;

  // An old laptop: no animation; the system font the stylesheet uses.
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.color = '#1b1f24';
  Chart.defaults.maintainAspectRatio = false;

  // Long office names, one bar per office: horizontal bars, each chart as tall as its offices need.
  document.querySelectorAll('.chart-box').forEach(function (box) {
    var rows = Number(box.getAttribute('data-rows')) || 1;
    box.style.height = Math.max(160, 70 + rows * 48) + 'px';
  });

  // Office names are long ("Kantor Kelurahan Sukarasa (Puskesos)"): wrapped on lines of about 24 characters,
  // rather than cut by the axis.
  function wrap(name) {
    var lines = [];
    name.split(' ').forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last !== undefined && (last + ' ' + word).length <= 24) lines[lines.length - 1] = last + ' ' + word;
      else lines.push(word);
    });
    return lines;
  }
  data.offices = data.offices.map(wrap);

  // Ageing from young to old: green, amber, orange, red (the table and legend name them; colour is not alone).
  var ageColours = ['#1a7f37', '#bf8700', '#d1570a', '#a40e26'];
  var common = {
    indexAxis: 'y',
    responsive: true,
    plugins: { legend: { position: 'bottom' } },
    scales: { y: { ticks: { autoSkip: false } } },
  };

  new Chart(document.getElementById('grafik-umur'), {
    type: 'bar',
    data: {
      labels: data.offices,
      datasets: data.ageing.map(function (bucket, i) {
        return { label: bucket.label, data: bucket.values, backgroundColor: ageColours[i] };
      }),
    },
    options: Object.assign({}, common, {
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false } } },
    }),
  });

  new Chart(document.getElementById('grafik-tepat'), {
    type: 'bar',
    data: { labels: data.offices, datasets: [{ label: 'Tepat waktu (%)', data: data.onTime, backgroundColor: '#0b5394' }] },
    options: Object.assign({}, common, {
      plugins: { legend: { display: false } },
      scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } }, y: { ticks: { autoSkip: false } } },
    }),
  });

  new Chart(document.getElementById('grafik-terlambat'), {
    type: 'bar',
    data: { labels: data.offices, datasets: [{ label: 'Terlambat', data: data.breached, backgroundColor: '#a40e26' }] },
    options: Object.assign({}, common, {
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
    }),
  });
})();
