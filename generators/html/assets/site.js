// hvspec site script (one file, loaded by every page; the Content-Security-Policy allows only the
// site's own script files). Three jobs:
//  1. keep link targets below the sticky header (scroll-padding follows its real height);
//  2. mark the section being read in the contents sidebar (aria-current);
//  3. full-text search over the shared index in search-index.js (window.HVSPEC_SEARCH, a global
//     set by a script, because fetch is refused from file://), with arrow keys, Enter and Escape.
// Results are built with textContent and DOM nodes only, never innerHTML.
(function () {
  'use strict';
  var root = document.documentElement;
  var header = document.querySelector('.site-header');

  // 1. Scroll offset = the header's height when it is sticky (it wraps on narrow windows).
  function fitScrollPadding() {
    if (!header) return;
    var sticky = getComputedStyle(header).position === 'sticky';
    root.style.scrollPaddingTop = (sticky ? header.getBoundingClientRect().height + 8 : 8) + 'px';
  }
  fitScrollPadding();
  window.addEventListener('resize', fitScrollPadding);
  // The first jump to a #fragment happened before this script ran: redo it with the right offset.
  if (location.hash) {
    var first = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (first) first.scrollIntoView();
  }

  // 2. The section being read: the last heading above the header's bottom edge.
  var toc = document.getElementById('toc');
  if (toc) {
    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    var byId = {};
    links.forEach(function (a) { byId[decodeURIComponent(a.getAttribute('href').slice(1))] = a; });
    var headings = Array.prototype.slice.call(document.querySelectorAll('main [id]')).filter(function (h) { return byId[h.id]; });
    var current = null;
    var mark = function () {
      var offset = parseFloat(root.style.scrollPaddingTop) || 0;
      var found = null;
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top - offset <= 4) found = headings[i]; else break;
      }
      var link = found ? byId[found.id] : null;
      if (link === current) return;
      if (current) current.removeAttribute('aria-current');
      if (link) link.setAttribute('aria-current', 'true');
      current = link;
      // Keep the marked entry in view inside the sidebar (the sidebar scrolls, never the page).
      if (link && toc.scrollHeight > toc.clientHeight) {
        var top = link.getBoundingClientRect().top - toc.getBoundingClientRect().top + toc.scrollTop;
        if (top < toc.scrollTop || top > toc.scrollTop + toc.clientHeight - 24) toc.scrollTop = Math.max(0, top - toc.clientHeight / 3);
      }
    };
    var queued = false;
    window.addEventListener('scroll', function () {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () { queued = false; mark(); });
    }, { passive: true });
    window.addEventListener('hashchange', mark);
    mark();
  }

  // 3. Search.
  var input = document.getElementById('search');
  var results = document.getElementById('search-results');
  if (!input || !results) return;
  // The library and the index are loaded on first use (focus), so reading a page costs nothing.
  var data = null;
  var index = null;
  var loading = false;
  function addScript(src, then) {
    var script = document.createElement('script');
    script.src = src;
    script.onload = then;
    document.body.appendChild(script);
  }
  function ensureLoaded() {
    if (loading) return;
    loading = true;
    addScript('minisearch.js', function () {
      addScript('search-index.js', function () {
        data = window.HVSPEC_SEARCH;
        index = MiniSearch.loadJS(data.index, data.options);
        input.removeAttribute('aria-busy');
        if (input.value.trim()) show();
      });
    });
    input.setAttribute('aria-busy', 'true');
  }
  input.addEventListener('focus', ensureLoaded);
  function load() { return index; }
  var LIMIT = 20;
  var active = -1;
  function clear() {
    while (results.firstChild) results.removeChild(results.firstChild);
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function highlight(next) {
    var items = results.children;
    if (items.length === 0) return;
    if (active >= 0 && items[active]) items[active].removeAttribute('aria-selected');
    active = (next + items.length) % items.length;
    items[active].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  }
  function show() {
    clear();
    var query = input.value.trim();
    if (query.length === 0) return;
    if (!index) { ensureLoaded(); return; }
    var lower = query.toLowerCase();
    // Names (symbols, statement ids) weigh most, then titles, then prose; an exact name first.
    var found = load().search(query, {
      prefix: function (term) { return term.length >= 2; },
      fuzzy: function (term) { return term.length >= 5 ? 0.2 : false; },
      combineWith: 'AND',
      boost: { name: 4, title: 2, text: 1 },
      boostDocument: function (id, term, stored) {
        var name = (stored && stored.name || '').toLowerCase();
        if (!name) return 1;
        if (name === lower || name.slice(name.lastIndexOf('.') + 1) === lower) return 8;
        return name.indexOf(lower) === 0 ? 3 : 1;
      },
    }).slice(0, LIMIT);
    for (var k = 0; k < found.length; k++) {
      var li = document.createElement('li');
      li.id = 'search-result-' + k;
      li.setAttribute('role', 'option');
      var a = document.createElement('a');
      a.href = found[k].href;
      a.tabIndex = -1;
      var title = document.createElement(found[k].kind === 'section' || found[k].kind === 'standard' ? 'span' : 'code');
      title.className = 'title';
      title.textContent = found[k].title;
      var where = document.createElement('span');
      where.className = 'where';
      where.textContent = found[k].kind + ' \u00b7 ' + data.specs[found[k].spec][1];
      a.appendChild(title);
      a.appendChild(where);
      li.appendChild(a);
      results.appendChild(li);
    }
    if (found.length === 0) {
      var none = document.createElement('li');
      none.className = 'none';
      none.textContent = 'No results';
      results.appendChild(none);
    } else {
      input.setAttribute('aria-expanded', 'true');
    }
  }
  input.addEventListener('input', show);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight(active + 1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(active - 1); }
    else if (event.key === 'Escape') { input.value = ''; clear(); }
    else if (event.key === 'Enter') {
      var item = results.children[active >= 0 ? active : 0];
      var link = item && item.querySelector('a');
      if (link) { event.preventDefault(); clear(); input.blur(); window.location.href = link.href; }
    }
  });
  // A same-page result changes only the hash: close the list so the target is not covered.
  results.addEventListener('click', function () { window.setTimeout(clear, 0); });
  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && document.activeElement !== input) { event.preventDefault(); input.focus(); }
  });
})();
