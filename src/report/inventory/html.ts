import type { Inventory, InventoryField, InventoryModel } from '../../scanner/inventory.js';

function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function levelOf(f: InventoryField): string {
  if (f.source === 'relation') return 'relation';
  if (f.source === 'unclassified') return 'unclassified';
  if (f.source === 'unknown-level') return 'unknown';
  return f.level ?? '';
}

function row(m: InventoryModel, f: InventoryField, rank: Map<string, number>): string {
  const level = levelOf(f);
  const notes: string[] = [];
  if (f.source === 'inherited') notes.push('inherited from the type');
  if (f.source === 'unclassified') notes.push(`proposed: ${f.proposed}`);
  if (f.source === 'unknown-level') notes.push(`written: ${f.written}`);
  if (f.relationTo) notes.push(`→ ${f.relationTo}`);
  if (f.personalData) notes.push(f.personalData);
  if (f.pendingReview) notes.push('tag proposed by datagate: review');
  const logged = (f.loggedAt ?? []).map((l) => `<span title="${esc(l.message)}">${esc(l.file)}:${l.line}</span>`).join('<br>');
  return (
    `<tr data-level="${esc(level)}" data-source="${esc(f.source)}">` +
    `<td>${esc(m.name)}</td><td>${esc(f.name)}</td>` +
    `<td data-sort="${rank.get(level) ?? -1}"><span class="lv lv-${esc(level)}">${esc(level)}</span></td>` +
    `<td>${esc(f.source)}</td><td>${esc(m.syntax)}</td>` +
    `<td data-sort="${esc(m.file)}:${String(f.line).padStart(6, '0')}"><code>${esc(m.file)}:${f.line}</code></td>` +
    `<td><code>${esc(f.type)}</code></td><td>${esc(notes.join('; '))}</td><td>${logged}</td></tr>`
  );
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1d1d1f}
h1{font-size:22px;margin:0 0 4px}p.sub{color:#555;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 16px}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:96px;cursor:pointer;background:#fff}
.card b{display:block;font-size:20px}.card.active{outline:2px solid #0a66c2}
.controls{display:flex;gap:8px;margin:0 0 8px;flex-wrap:wrap}
input,select{font:inherit;padding:4px 6px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f6f6f6;position:sticky;top:0;user-select:none}th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
code{font-size:12px}.lv{padding:1px 6px;border-radius:4px;font-size:12px;white-space:nowrap}
.lv-unclassified,.lv-unknown{background:#fde2e1;color:#8a1c17}.lv-relation{background:#eee;color:#555}
`;

const SCRIPT = `
(function(){
  var table=document.getElementById('fields'),body=table.tBodies[0],rows=[].slice.call(body.rows);
  var q=document.getElementById('q'),lv=document.getElementById('level'),src=document.getElementById('source'),count=document.getElementById('count');
  function apply(){
    var text=q.value.toLowerCase(),level=lv.value,source=src.value,shown=0;
    rows.forEach(function(r){
      var ok=(!text||r.textContent.toLowerCase().indexOf(text)>=0)&&(!level||r.getAttribute('data-level')===level)&&(!source||r.getAttribute('data-source')===source);
      r.style.display=ok?'':'none';if(ok)shown++;
    });
    count.textContent=shown+' of '+rows.length+' fields';
    [].forEach.call(document.querySelectorAll('.card'),function(c){c.classList.toggle('active',c.getAttribute('data-level')===level&&level!=='');});
  }
  [q,lv,src].forEach(function(el){el.addEventListener('input',apply);});
  [].forEach.call(document.querySelectorAll('.card'),function(c){c.addEventListener('click',function(){var l=c.getAttribute('data-level');lv.value=lv.value===l?'':l;apply();});});
  [].forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){
      var dir=th.classList.contains('asc')?-1:1;
      [].forEach.call(table.tHead.rows[0].cells,function(h){h.classList.remove('asc','desc');});
      th.classList.add(dir===1?'asc':'desc');
      rows.sort(function(a,b){
        var x=a.cells[i].getAttribute('data-sort')||a.cells[i].textContent,y=b.cells[i].getAttribute('data-sort')||b.cells[i].textContent;
        var nx=Number(x),ny=Number(y);
        return (isNaN(nx)||isNaN(ny)?x.localeCompare(y):nx-ny)*dir;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
`;

/**
 * The inventory as one self-contained HTML file (no external assets): counts per level, then a
 * table of every field that a reviewer can sort by any column and filter by text, level and how
 * the level was set.
 */
export function formatInventoryHtml(inventory: Inventory): string {
  const s = inventory.summary;
  const rank = new Map<string, number>(inventory.levels.map((l, i) => [l, i + 1]));
  rank.set('unclassified', 100);
  rank.set('unknown', 99);
  rank.set('relation', 0);
  const cards = [
    ...[...inventory.levels].reverse().map((l) => [l, s.byLevel[l] ?? 0] as const),
    ['unclassified', s.unclassified] as const,
    ['unknown', s.unknownLevel] as const,
  ]
    .map(([l, n]) => `<div class="card" data-level="${esc(l)}"><b>${n}</b>${esc(l)}</div>`)
    .join('');
  const options = ['', ...[...inventory.levels].reverse(), 'unclassified', 'unknown', 'relation']
    .map((l) => `<option value="${esc(l)}">${l === '' ? 'all levels' : esc(l)}</option>`)
    .join('');
  const sources = ['', 'declared', 'inherited', 'unclassified', 'unknown-level', 'relation']
    .map((x) => `<option value="${esc(x)}">${x === '' ? 'any source' : esc(x)}</option>`)
    .join('');
  const rows = inventory.models.flatMap((m) => m.fields.map((f) => row(m, f, rank))).join('\n');
  const top = inventory.levels[inventory.levels.length - 1] ?? 'restricted';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Data inventory</title><style>${STYLE}</style></head>
<body>
<h1>Data inventory</h1>
<p class="sub">${s.models} models, ${s.fields} fields (${s.declared} declared, ${s.inherited} inherited), ${s.relations} relations; ${s.belowRequired} personal-data fields classified too low; ${s.restrictedInLogs} ${esc(top)} fields seen reaching logs.</p>
<div class="cards">${cards}</div>
<div class="controls"><input id="q" type="search" placeholder="Filter: model, field, file…" size="32"><select id="level">${options}</select><select id="source">${sources}</select><span id="count"></span></div>
<table id="fields"><thead><tr><th>Model</th><th>Field</th><th>Level</th><th>Source</th><th>Syntax</th><th>Declared at</th><th>Type</th><th>Notes</th><th>Seen in logs</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<script>${SCRIPT}</script>
</body></html>
`;
}
