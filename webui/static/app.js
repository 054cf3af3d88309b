// Tripline web interface: small enhancements over pages that work without
// script — type-ahead search with keyboard triage, the progress of a
// screening run, the network drawing's selection, paths, zoom and PNG
// export, alert triage, and the transfer map's years and selection. No
// dependencies, no build step.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var $ = function (s, r) { return (r || document).querySelector(s); };
  var $$ = function (s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); };
  function el(tag, text, attrs) {
    var x = document.createElement(tag);
    if (text) x.textContent = text;
    for (var k in attrs || {}) x.setAttribute(k, attrs[k]);
    return x;
  }

  // --- search: results as you type, arrows and Enter to triage ---------
  function initSearch() {
    var form = $('#search-form'), q = $('#q');
    if (!form || !q) return;
    var timer = 0, ctrl = null, last = form.action + '?' + new URLSearchParams(new FormData(form));
    function run() {
      var params = new URLSearchParams(new FormData(form));
      var url = '/search?' + params;
      if (url === last) return;
      last = url;
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      params.set('partial', '1');
      fetch('/search?' + params, { signal: ctrl.signal, headers: { Accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var old = $('#results');
          var tpl = document.createElement('template');
          tpl.innerHTML = html.trim();
          var fresh = tpl.content.querySelector('#results');
          if (old && fresh) old.replaceWith(fresh);
          var batch = $('.batch');
          if (batch) batch.hidden = q.value.trim() !== '';
          history.replaceState(null, '', q.value.trim() ? url : '/search');
          document.title = (q.value.trim() ? q.value.trim() + ' – search' : 'Search') + ' · Tripline';
        })
        .catch(function (e) { if (e && e.name === 'AbortError') return; });
    }
    q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    $('#type') && $('#type').addEventListener('change', run);
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); last = ''; run(); });
    // ArrowDown/ArrowUp move through the hits, Enter opens one, Escape
    // returns to the box; "/" anywhere focuses the box.
    var at = -1;
    function mark(i) {
      var hits = $$('#results .hit');
      hits.forEach(function (h) { h.classList.remove('kbd'); });
      at = Math.max(-1, Math.min(i, hits.length - 1));
      if (at >= 0) {
        hits[at].classList.add('kbd');
        var a = $('.hit-name', hits[at]);
        a.focus();
      } else {
        q.focus();
      }
    }
    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && document.activeElement !== q && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
        e.preventDefault(); q.focus(); q.select(); return;
      }
      var inHits = document.activeElement === q || (document.activeElement && document.activeElement.closest && document.activeElement.closest('#results .hit'));
      if (!inHits) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); mark(at + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); mark(at - 1); }
      else if (e.key === 'Escape') { mark(-1); }
    });
    q.addEventListener('input', function () { at = -1; });
  }

  // --- a screening run's progress ---------------------------------------
  function initJob() {
    var box = $('#job');
    if (!box || box.dataset.state !== 'running') return;
    var id = box.dataset.job;
    function poll() {
      fetch('/screen/' + encodeURIComponent(id) + '/status', { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          $('#job-progress').value = s.percent;
          $('#job-percent').textContent = s.percent + '%';
          $('#job-rows').textContent = s.rows.toLocaleString('en');
          $('#job-matched').textContent = s.matched.toLocaleString('en');
          $('#job-bad').textContent = s.bad.toLocaleString('en');
          $('#job-seconds').textContent = s.seconds;
          $('#job-state').textContent = s.state;
          if (s.state === 'running') setTimeout(poll, 600); else location.reload();
        })
        .catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 300);
  }

  // --- a stored batch job's progress ------------------------------------
  function initBatchJob() {
    var box = $('#batch-job');
    if (!box || box.dataset.done === 'true') return;
    var id = box.dataset.job;
    function poll() {
      fetch('/batch/' + encodeURIComponent(id) + '/status', { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          $('#bj-progress').value = s.percent;
          $('#bj-percent').textContent = s.percent + '%';
          $('#bj-rows').textContent = s.rows_done.toLocaleString('en');
          $('#bj-total').textContent = s.rows_total.toLocaleString('en');
          $('#bj-bad').textContent = s.bad_rows.toLocaleString('en');
          $('#bj-state').textContent = s.state;
          if (s.done) location.reload(); else setTimeout(poll, 700);
        })
        .catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 300);
  }

  // --- the network drawing ----------------------------------------------
  function initGraph() {
    var svg = $('#graph'), frame = $('.graph-frame'), panel = $('#node-panel');
    if (!svg || !frame) return;
    var nodes = $$('g.n', svg), edges = $$('line.e', svg);
    var vb0 = svg.getAttribute('viewBox').split(' ').map(Number), vb = vb0.slice();
    function setVB() { svg.setAttribute('viewBox', vb.join(' ')); }
    frame.tabIndex = 0;
    frame.setAttribute('role', 'region');
    frame.setAttribute('aria-label', 'Network drawing. Arrow keys choose a node, Enter opens it, E expands it, + and − zoom, 0 fits.');

    var sel = -1;
    function paths(id) {
      var out = {};
      edges.forEach(function (e) {
        if ((e.dataset.from === id || e.dataset.to === id) && e.dataset.paths) e.dataset.paths.split(' ').forEach(function (p) { out[p] = 1; });
      });
      return Object.keys(out);
    }
    function select(i) {
      nodes.forEach(function (n) { n.classList.remove('sel'); });
      sel = i;
      if (i < 0) return;
      var n = nodes[i], d = n.dataset;
      n.classList.add('sel');
      panel.textContent = '';
      panel.appendChild(el('h3', d.label));
      var p = el('p', d.kind + (d.holders && d.holders !== '0' ? ', held by ' + d.holders : ''));
      panel.appendChild(p);
      var links = el('p');
      links.appendChild(el('a', 'Open', { href: d.href }));
      if (!n.classList.contains('center')) {
        links.appendChild(document.createTextNode(' · '));
        links.appendChild(el('a', 'Expand its neighbours', { href: d.expand, 'class': 'expand' }));
      }
      panel.appendChild(links);
      var ps = paths(d.id);
      if (ps.length) {
        panel.appendChild(el('p', 'On ' + ps.length + ' path' + (ps.length > 1 ? 's' : '') + ' to a listed party:'));
        var ul = el('ul');
        ps.forEach(function (k) {
          var li = el('li'), item = $('#path-' + k);
          var a = el('a', 'path ' + k + (item ? ': ' + $('p', item).textContent.replace(/\s+/g, ' ').trim() : ''), { href: '#path-' + k });
          li.appendChild(a); ul.appendChild(li);
        });
        panel.appendChild(ul);
        highlight(ps);
      } else {
        highlight(null);
      }
    }
    function highlight(ps) {
      var set = {};
      (ps || []).forEach(function (p) { set[p] = 1; });
      var any = ps && ps.length;
      var on = {};
      edges.forEach(function (e) {
        var hit = any && e.dataset.paths && e.dataset.paths.split(' ').some(function (p) { return set[p]; });
        e.classList.toggle('hl', !!hit);
        e.classList.toggle('dim', !!any && !hit);
        if (hit) { on[e.dataset.from] = 1; on[e.dataset.to] = 1; }
      });
      nodes.forEach(function (n) { n.classList.toggle('dim', !!any && !on[n.dataset.id]); });
      $$('.path').forEach(function (li) { li.classList.toggle('hl', !!set[li.dataset.path]); });
    }
    svg.addEventListener('click', function (e) {
      if (moved) return;
      var g = e.target.closest('g.n');
      if (g) select(nodes.indexOf(g));
    });
    $$('.path').forEach(function (li) {
      var on = function () { highlight([li.dataset.path]); };
      li.addEventListener('mouseenter', on);
      li.addEventListener('focus', on);
      li.addEventListener('mouseleave', function () { if (sel < 0) highlight(null); });
    });
    // zoom and pan
    function zoom(f, cx, cy) {
      if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
      vb = [cx - (cx - vb[0]) * f, cy - (cy - vb[1]) * f, vb[2] * f, vb[3] * f];
      setVB();
    }
    function toSVG(ev) {
      var r = svg.getBoundingClientRect();
      return [vb[0] + (ev.clientX - r.left) / r.width * vb[2], vb[1] + (ev.clientY - r.top) / r.height * vb[3]];
    }
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = toSVG(e);
      zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p[0], p[1]);
    }, { passive: false });
    var drag = null, moved = false;
    svg.addEventListener('pointerdown', function (e) { drag = [e.clientX, e.clientY, vb[0], vb[1]]; moved = false; });
    window.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect(), dx = e.clientX - drag[0], dy = e.clientY - drag[1];
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      if (!moved) return;
      vb[0] = drag[2] - dx / r.width * vb[2];
      vb[1] = drag[3] - dy / r.height * vb[3];
      setVB();
    });
    window.addEventListener('pointerup', function () { drag = null; setTimeout(function () { moved = false; }, 0); });
    $$('[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var z = b.dataset.zoom;
        if (z === 'reset') { vb = vb0.slice(); setVB(); } else zoom(z === 'in' ? 1 / 1.3 : 1.3);
      });
    });
    frame.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { e.preventDefault(); select((sel + 1) % nodes.length); }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { e.preventDefault(); select((sel - 1 + nodes.length) % nodes.length); }
      else if (e.key === 'Enter' && sel >= 0) { location.href = nodes[sel].dataset.href; }
      else if ((e.key === 'e' || e.key === 'E') && sel >= 0 && !nodes[sel].classList.contains('center')) { location.href = nodes[sel].dataset.expand; }
      else if (e.key === '+' || e.key === '=') zoom(1 / 1.3);
      else if (e.key === '-') zoom(1.3);
      else if (e.key === '0') { vb = vb0.slice(); setVB(); }
    });
    // PNG: the exported SVG drawn on a canvas
    var png = $('[data-export=png]');
    if (png) png.addEventListener('click', function () {
      fetch(png.dataset.svg).then(function (r) { return r.text(); }).then(function (text) {
        var img = new Image(), url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
        img.onload = function () {
          var c = document.createElement('canvas');
          c.width = vb0[2] * 2; c.height = vb0[3] * 2;
          var ctx = c.getContext('2d');
          ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
          ctx.drawImage(img, 0, 0, c.width, c.height);
          URL.revokeObjectURL(url);
          c.toBlob(function (b) {
            var a = el('a', '', { href: URL.createObjectURL(b), download: 'tripline-network.png' });
            document.body.appendChild(a); a.click(); a.remove();
          });
        };
        img.src = url;
      });
    });
    if (location.hash.indexOf('#path-') === 0) highlight([location.hash.slice(6)]);
  }

  // --- alerts: keyboard triage ------------------------------------------
  function typing() { return /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName); }
  function initQueue() {
    var rows = $$('#queue tbody tr');
    if (!rows.length) return;
    var at = -1;
    function mark(i) {
      at = Math.max(0, Math.min(i, rows.length - 1));
      rows.forEach(function (r) { r.classList.remove('kbd'); });
      rows[at].classList.add('kbd');
      $('a', rows[at]).focus();
    }
    rows.forEach(function (r, i) {
      r.addEventListener('click', function (e) { if (e.target.tagName !== 'A') location.href = $('a', r).href; });
      $('a', r).addEventListener('focus', function () { at = i; rows.forEach(function (x) { x.classList.toggle('kbd', x === r); }); });
    });
    document.addEventListener('keydown', function (e) {
      if (typing() || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') { e.preventDefault(); mark(at + 1); }
      else if (e.key === 'k' || e.key === 'ArrowUp') { e.preventDefault(); mark(at - 1); }
      else if (e.key === 'Enter' && at >= 0 && document.activeElement === document.body) { location.href = $('a', rows[at]).href; }
    });
  }
  function initAlert() {
    var next = $('#next-alert'), queue = $('#to-queue');
    if (!queue) return;
    document.addEventListener('keydown', function (e) {
      if (typing() || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'n' && next) location.href = next.href;
      else if (e.key === 'q') location.href = queue.href;
    });
  }

  // --- transfers: the year range and system redraw the map in place; a
  // country selected on the map (or a pair focused in the table) lights
  // its flows ------------------------------------------------------------
  function initTransfers() {
    var form = $('#transfers-form');
    if (!form) return;
    var timer = 0, ctrl = null;
    function query() {
      var p = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (v !== '') p.set(k, v); });
      return p;
    }
    function refresh() {
      var p = query(), url = '/transfers' + (p.toString() ? '?' + p : '');
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      p.set('partial', '1');
      fetch('/transfers?' + p, { signal: ctrl.signal, headers: { Accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var tpl = document.createElement('template');
          tpl.innerHTML = html.trim();
          var fresh = tpl.content.querySelector('#transfers-view'), old = $('#transfers-view');
          if (old && fresh) old.replaceWith(fresh);
          history.replaceState(null, '', url);
          bindMap();
        })
        .catch(function (e) { if (e && e.name === 'AbortError') return; });
    }
    var since = $('#t-since'), until = $('#t-until');
    [since, until].forEach(function (r) {
      if (!r) return;
      r.addEventListener('input', function () {
        // the two ends never cross
        if (+since.value > +until.value) { if (r === since) until.value = since.value; else since.value = until.value; }
        $('#t-since-out').value = since.value; $('#t-until-out').value = until.value;
        clearTimeout(timer); timer = setTimeout(refresh, 150);
      });
    });
    $('#t-system').addEventListener('change', refresh);
    bindMap();
  }
  function bindMap() {
    var map = $('#map'), panel = $('#map-panel');
    if (!map) return;
    function light(from, to, code) {
      $$('.flow', map).forEach(function (f) {
        var on = code ? (f.dataset.from === code || f.dataset.to === code) : (f.dataset.from === from && f.dataset.to === to);
        f.classList.toggle('hl', on); f.classList.toggle('dim', !on);
      });
    }
    function clear() { $$('.flow', map).forEach(function (f) { f.classList.remove('hl', 'dim'); }); $$('.land.sel', map).forEach(function (l) { l.classList.remove('sel'); }); }
    map.addEventListener('click', function (e) {
      var land = e.target.closest('.land');
      clear();
      if (!land || !land.classList.contains('active')) { panel.textContent = 'Select a country to filter by it.'; return; }
      var code = land.dataset.code, name = land.dataset.name;
      land.classList.add('sel');
      light('', '', code);
      var out = $$('.flow', map).filter(function (f) { return f.dataset.from === code; }).length;
      var inn = $$('.flow', map).filter(function (f) { return f.dataset.to === code; }).length;
      var p = new URLSearchParams(new FormData($('#transfers-form')));
      panel.textContent = name + ': supplies ' + out + ', receives from ' + inn + '. ';
      [['supplier', 'deliveries from ' + name], ['recipient', 'deliveries to ' + name]].forEach(function (k, i) {
        var q = new URLSearchParams(p); q.delete('supplier'); q.delete('recipient'); q.set(k[0], code);
        var a = el('a', k[1], { href: '/transfers?' + q });
        if (i) panel.appendChild(document.createTextNode(' · '));
        panel.appendChild(a);
      });
    });
    // the flows by keyboard: one tab stop (the largest flow first), the
    // arrow keys move along them, Enter opens the pair's deals
    var links = $$('a.flow-a', map).reverse();
    function rove(a) { links.forEach(function (x) { x.setAttribute('tabindex', x === a ? '0' : '-1'); }); }
    if (links.length) rove(links[0]);
    links.forEach(function (a) {
      a.addEventListener('focus', function () {
        var f = $('.flow', a);
        rove(a); clear(); light(f.dataset.from, f.dataset.to);
        panel.textContent = $('title', a).textContent + '. Arrow keys: another pair; Enter: its deals.';
      });
    });
    map.addEventListener('keydown', function (e) {
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      var j = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: links.length - 1 }[e.key];
      if (j === undefined) return;
      e.preventDefault();
      links[(j + links.length) % links.length].focus();
    });
    $$('table.dyads tr[data-from]').forEach(function (tr) {
      var a = $('a', tr);
      function on() { clear(); light(tr.dataset.from, tr.dataset.to); }
      a.addEventListener('focus', on); tr.addEventListener('mouseenter', on);
      a.addEventListener('blur', clear); tr.addEventListener('mouseleave', clear);
    });
  }

  function init() { initSearch(); initJob(); initBatchJob(); initGraph(); initQueue(); initAlert(); initTransfers(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
