"""Inline CSS and JavaScript of the evidence viewer (pipeline/review.py): no network, works from file://.

The script reads the rows from the page's <script type="application/json" id="rows"> block
and builds the side panel with textContent only, so no field value is ever parsed as HTML.
"""
from __future__ import annotations

import html

CSS = """
:root { --metrics: rgba(255, 196, 0, .38); --plans: #2f6fd6; --events: #1f9a55; --fix: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", NanumGothic, sans-serif; color: #222; background: #fafafa; }
header { padding: 10px 18px; background: #263238; color: #fff; }
header a { color: #9fd3ff; }
header h1 { font-size: 17px; margin: 0; }
header p { margin: 2px 0 0; color: #cfd8dc; }
main { padding: 14px 18px; }
table.list { border-collapse: collapse; background: #fff; width: 100%; }
table.list th, table.list td { border: 1px solid #ddd; padding: 4px 7px; text-align: left; vertical-align: top; }
table.list th { background: #eceff1; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.rejected { color: var(--fix); font-weight: 600; }
.warn { background: #fff3e0; border: 1px solid #ffb74d; padding: 6px 10px; margin: 0 0 10px; }
.legend { margin: 0 0 10px; }
.legend span.hl { padding: 1px 6px; margin-right: 12px; cursor: default; }
.doc { display: grid; grid-template-columns: minmax(0, 1fr) 440px; gap: 16px; align-items: start; }
pre#text { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid #ddd; padding: 12px 14px;
  margin: 0; font: 15px/2.05 "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", NanumGothic, sans-serif; }
.hl { cursor: pointer; }
.hl.t-metrics { background: var(--metrics); }
.hl.t-plans { box-shadow: inset 0 -3px 0 var(--plans); }
.hl.t-events { box-shadow: inset 0 -3px 0 var(--events); }
.hl.t-plans.t-events { box-shadow: inset 0 -3px 0 var(--plans), inset 0 -6px 0 var(--events); }
.hl.corrected { outline: 1.5px dashed var(--fix); outline-offset: -1px; }
.hl.sel { background: rgba(255, 120, 0, .45); outline: 2px solid #e65100; outline-offset: -1px; }
aside#panel { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; background: #fff;
  border: 1px solid #ccc; padding: 10px 12px; }
aside#panel h2 { font-size: 15px; margin: 0 0 6px; }
.card { border: 1px solid #ddd; border-left: 5px solid #999; padding: 6px 9px; margin: 0 0 10px; }
.card.active { border-color: #e65100; }
.card.metrics { border-left-color: #e0a800; } .card.plans { border-left-color: var(--plans); } .card.events { border-left-color: var(--events); }
.card.corrected { border-style: dashed; border-left-style: solid; }
.card h3 { font-size: 14px; margin: 0 0 4px; word-break: break-all; }
.card h3 small { display: block; color: #666; font-weight: 400; }
.card table { border-collapse: collapse; width: 100%; font-size: 13px; }
.card td { border-top: 1px solid #eee; padding: 2px 4px; vertical-align: top; word-break: break-word; }
.card td:first-child { color: #555; width: 40%; }
.card .null { color: #aaa; }
.card blockquote { margin: 6px 0; padding: 4px 8px; background: #f5f5f5; border-left: 3px solid #bbb; font-size: 13px; }
.card .correction { color: var(--fix); font-weight: 600; }
.card pre { background: #263238; color: #eceff1; padding: 6px 8px; font-size: 12px; white-space: pre-wrap;
  overflow-wrap: anywhere; user-select: all; margin: 2px 0 6px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; margin-right: 4px; }
.badge.metrics { background: #c79300; } .badge.plans { background: var(--plans); } .badge.events { background: var(--events); }
ul.rows { columns: 2; font-size: 13px; padding-left: 18px; }
ul.rows a { text-decoration: none; }
section { margin-top: 18px; }
section h2 { font-size: 15px; }
"""

SCRIPT = """
(function () {
  var rows = JSON.parse(document.getElementById('rows').textContent);
  var panel = document.getElementById('panel');
  var pieces = {};
  document.querySelectorAll('#text .hl').forEach(function (el) {
    el.getAttribute('data-rows').split(' ').forEach(function (id) { (pieces[id] = pieces[id] || []).push(el); });
  });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function select(id) {
    document.querySelectorAll('#text .sel').forEach(function (e) { e.classList.remove('sel'); });
    (pieces[id] || []).forEach(function (e) { e.classList.add('sel'); });
    panel.querySelectorAll('.card').forEach(function (c) { c.classList.toggle('active', c.getAttribute('data-id') === id); });
  }
  function card(r) {
    var c = el('div', 'card ' + r.table + (r.correction ? ' corrected' : ''));
    c.setAttribute('data-id', r.id);
    var h = el('h3');
    h.appendChild(el('span', 'badge ' + r.table, r.table));
    h.appendChild(el('span', 'label', r.label + ' '));
    h.appendChild(el('small', 'rid', r.id + ' \\u00b7 ' + r.lines));
    c.appendChild(h);
    if (r.correction) c.appendChild(el('div', 'correction', 'corrected by ' + r.correction +
      ': to change it, edit that entry (the values below are already corrected)'));
    var t = el('table');
    r.fields.forEach(function (f) {
      var tr = el('tr');
      tr.appendChild(el('td', '', f[0]));
      tr.appendChild(el('td', f[1] === null ? 'null' : 'value', f[1] === null ? 'null' : f[1]));
      t.appendChild(tr);
    });
    c.appendChild(t);
    var q = el('blockquote', 'evidence'), at = r.label ? r.evidence.indexOf(r.label) : -1;
    if (at < 0) q.textContent = r.evidence;
    else [r.evidence.slice(0, at), r.label, r.evidence.slice(at + r.label.length)].forEach(function (s, i) {
      q.appendChild(i === 1 ? el('mark', '', s) : document.createTextNode(s));
    });
    c.appendChild(q);
    c.appendChild(el('div', '', 'drop it (corrections/*.yaml):'));
    c.appendChild(el('pre', 'yaml', r.drop));
    c.appendChild(el('div', '', 'or fix it (edit one value in set):'));
    c.appendChild(el('pre', 'yaml', r.fix));
    c.addEventListener('mouseenter', function () { select(r.id); });
    return c;
  }
  function show(ids) {
    ids = ids.filter(function (id) { return rows[id]; });
    ids.sort(function (a, b) { return (rows[a].end - rows[a].start) - (rows[b].end - rows[b].start) || (a < b ? -1 : 1); });
    panel.textContent = '';
    panel.appendChild(el('h2', '', ids.length === 1 ? '1 row' : ids.length + ' rows here (shortest span first)'));
    ids.forEach(function (id) { panel.appendChild(card(rows[id])); });
    if (ids.length) select(ids[0]);
  }
  document.getElementById('text').addEventListener('click', function (e) {
    var h = e.target.closest('.hl');
    if (h) show(h.getAttribute('data-rows').split(' '));
  });
  document.querySelectorAll('a[data-row]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var id = a.getAttribute('data-row');
      show([id]);
      if (pieces[id]) { e.preventDefault(); pieces[id][0].scrollIntoView({block: 'center'}); }
    });
  });
  var start = decodeURIComponent(location.hash.slice(1));
  if (rows[start]) show([start]);
})();
"""


def shell(title: str, header: str, body: str, script: str = "") -> str:
    """A whole page: escaped title, trusted header/body HTML (callers escape their values)."""
    return ("<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<header>{header}</header>\n<main>\n{body}\n</main>\n{script}</body>\n</html>\n")
