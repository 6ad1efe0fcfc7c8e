// hvspec preview: the one script the preview adds to a served page (never to output/html). It
// listens to the server's events: `errors` shows or hides an overlay listing the corpus errors
// (the page under it is the last good build), `reload` reloads this page when its bytes, or a
// script or stylesheet it loads from the site, changed.
// Built with DOM calls and textContent only; styled through the CSSOM, which the page's CSP allows.
(function () {
  'use strict';
  var config = /*CONFIG*/ null;
  if (!config || typeof EventSource !== 'function') return;
  var panel = null;
  var hidden = false;

  function style(node, properties) {
    for (var name in properties) node.style.setProperty(name, properties[name]);
    return node;
  }

  function element(tag, text, properties) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return style(node, properties || {});
  }

  function where(e) {
    if (!e.file) return 'hvspec';
    return e.line ? e.file + ':' + e.line + ':' + e.column : e.file;
  }

  function showErrors(errors) {
    removePanel();
    panel = element('section', '', {
      position: 'fixed', top: '0', left: '0', right: '0', 'max-height': '45vh', overflow: 'auto',
      'z-index': '2147483647', background: '#fff5f5', color: '#1a1a1a', 'border-bottom': '3px solid #c62828',
      'box-shadow': '0 2px 10px rgba(0,0,0,.25)', font: '14px/1.45 system-ui, sans-serif', padding: '0.6em 1em',
    });
    panel.id = 'hvspec-preview-errors';
    panel.setAttribute('role', 'alert');
    var head = element('div', '', { display: 'flex', gap: '1em', 'align-items': 'baseline' });
    var title = element('strong', errors.length + (errors.length === 1 ? ' error' : ' errors') +
      ' in the standards; the page below is the last good build', { color: '#c62828', flex: '1' });
    var toggle = element('button', 'Hide', { font: 'inherit', cursor: 'pointer' });
    toggle.type = 'button';
    toggle.addEventListener('click', function () {
      hidden = !hidden;
      list.style.setProperty('display', hidden ? 'none' : 'block');
      toggle.textContent = hidden ? 'Show' : 'Hide';
    });
    head.appendChild(title);
    head.appendChild(toggle);
    panel.appendChild(head);
    var list = element('ol', '', { margin: '0.4em 0 0', padding: '0 0 0 1.4em', display: hidden ? 'none' : 'block' });
    for (var i = 0; i < errors.length; i++) {
      var e = errors[i];
      var item = element('li', '', { margin: '0.2em 0' });
      item.className = 'hvspec-preview-error';
      item.appendChild(element('code', where(e), { 'font-weight': 'bold' }));
      item.appendChild(document.createTextNode(' ' + e.code + ': ' + e.message));
      if (e.hint) item.appendChild(element('div', 'hint: ' + e.hint, { color: '#2e7d32' }));
      list.appendChild(item);
    }
    panel.appendChild(list);
    document.body.appendChild(panel);
  }

  function removePanel() {
    if (panel && panel.parentNode) panel.parentNode.removeChild(panel);
    panel = null;
  }

  var query = '?page=' + encodeURIComponent(config.page) + '&generation=' + config.generation;
  var events = new EventSource(config.events + query);
  events.addEventListener('errors', function (message) {
    var errors = JSON.parse(message.data);
    if (errors.length > 0) showErrors(errors); else removePanel();
  });
  // The page's own path and the same-origin scripts and stylesheets it loads, as site paths.
  function usedFiles() {
    var used = [config.page];
    var nodes = document.querySelectorAll('script[src], link[rel~="stylesheet"][href]');
    for (var i = 0; i < nodes.length; i++) {
      var url = new URL(nodes[i].getAttribute('src') || nodes[i].getAttribute('href'), location.href);
      if (url.origin === location.origin) used.push(decodeURIComponent(url.pathname.slice(1)));
    }
    return used;
  }

  events.addEventListener('reload', function (message) {
    var changed = JSON.parse(message.data);
    var used = usedFiles();
    var stale = config.missing;
    for (var i = 0; i < used.length && !stale; i++) stale = changed.indexOf(used[i]) >= 0;
    if (stale) {
      events.close();
      location.reload();
    }
  });
})();
