(function () {
  'use strict';
  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  var root = document.body.getAttribute('data-root') || '';
  var entries = window.ADUAN_REFERENCE_INDEX || [];
  var KIND_ORDER = { query: 0, mutation: 0, type: 1, field: 2 };
  function rank(entry, q) {
    var name = entry[0].toLowerCase();
    var last = name.slice(name.lastIndexOf('.') + 1);
    if (name === q) return 0;
    if (name.indexOf(q) === 0) return 1;
    if (last === q) return 2;
    if (last.indexOf(q) === 0) return 3;
    if (name.indexOf(q) >= 0) return 4;
    if (entry[3] && entry[3].toLowerCase().indexOf(q) >= 0) return 5;
    return -1;
  }
  function show(q) {
    list.textContent = '';
    q = q.trim().toLowerCase();
    if (!q) { list.hidden = true; return; }
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var r = rank(entries[i], q);
      if (r >= 0) found.push([r, KIND_ORDER[entries[i][1]], entries[i]]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2][0] < b[2][0] ? -1 : a[2][0] > b[2][0] ? 1 : 0); });
    found = found.slice(0, 30);
    if (!found.length) {
      var none = document.createElement('li');
      none.textContent = 'Tidak ditemukan / Nothing found';
      list.appendChild(none);
    }
    found.forEach(function (f) {
      var entry = f[2];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + entry[2];
      a.textContent = entry[0];
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = ' ' + entry[1] + (entry[3] ? ' — ' + entry[3] : '');
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  input.addEventListener('input', function () { show(input.value); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var first = list.querySelector('a');
      if (first) window.location.href = first.href;
    } else if (event.key === 'Escape') {
      list.hidden = true;
    }
  });
})();
