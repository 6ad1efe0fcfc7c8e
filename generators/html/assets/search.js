// Client-side search over the identifier index embedded in the page (#search-index). Results are
// built with textContent and DOM nodes only, never innerHTML, so no indexed text can become markup.
(function () {
  'use strict';
  var input = document.getElementById('search');
  var results = document.getElementById('search-results');
  var source = document.getElementById('search-index');
  if (!input || !results || !source) return;
  // { kinds: [...], specs: [[id, title]], entries: [[name, kind, spec, anchor]] } (site.ts)
  var index = JSON.parse(source.textContent || '{"kinds":[],"specs":[],"entries":[]}');
  var entries = index.entries;
  function titleOf(entry) { return index.specs[entry[2]][1]; }
  function hrefOf(entry) { return index.specs[entry[2]][0] + '.html' + (entry[3] ? '#' + entry[3] : ''); }
  var LIMIT = 25;
  function clear() { while (results.firstChild) results.removeChild(results.firstChild); }
  function show() {
    clear();
    var query = input.value.trim().toLowerCase();
    if (query.length === 0) return;
    var prefix = [], inner = [];
    for (var i = 0; i < entries.length; i++) {
      var name = entries[i][0].toLowerCase();
      if (name.indexOf(query) === 0) prefix.push(entries[i]);
      else if (name.indexOf(query) > 0 || titleOf(entries[i]).toLowerCase().indexOf(query) >= 0) inner.push(entries[i]);
    }
    var found = prefix.concat(inner).slice(0, LIMIT);
    for (var k = 0; k < found.length; k++) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = hrefOf(found[k]);
      var code = document.createElement('code');
      code.textContent = found[k][0];
      var where = document.createElement('span');
      where.className = 'where';
      where.textContent = index.kinds[found[k][1]] + ' \u00b7 ' + titleOf(found[k]);
      a.appendChild(code);
      a.appendChild(where);
      li.appendChild(a);
      results.appendChild(li);
    }
  }
  input.addEventListener('input', show);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { input.value = ''; clear(); }
    if (event.key === 'Enter' && results.firstChild) { window.location.href = results.firstChild.firstChild.href; }
  });
})();
