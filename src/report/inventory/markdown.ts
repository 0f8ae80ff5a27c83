import type { Inventory, InventoryField } from '../../scanner/inventory.js';

function esc(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function levelCell(f: InventoryField): string {
  switch (f.source) {
    case 'relation':
      return `→ ${esc(f.relationTo ?? '')}`;
    case 'unclassified':
      return `**unclassified** (proposed: ${f.proposed})`;
    case 'unknown-level':
      return `**unknown** \`${esc(f.written ?? '')}\``;
    default:
      return `${f.level}${f.source === 'inherited' ? ' (inherited)' : ''}${f.pendingReview ? ' ⚠ review' : ''}`;
  }
}

/** The inventory for people: counts, the to-do lists, then every model's fields. */
export function formatInventoryMarkdown(inventory: Inventory): string {
  const s = inventory.summary;
  const out: string[] = ['# Data inventory', ''];
  out.push(`${s.models} models, ${s.fields} fields (${s.declared} declared, ${s.inherited} inherited from their type), ${s.relations} relations.`, '');
  out.push('| Level | Fields |', '|---|---:|');
  for (const level of [...inventory.levels].reverse()) out.push(`| ${level} | ${s.byLevel[level] ?? 0} |`);
  out.push(`| unclassified | ${s.unclassified} |`, `| unknown level | ${s.unknownLevel} |`, '');

  if (inventory.unclassified.length > 0) {
    out.push('## Unclassified fields', '', '| Field | Where | Proposed |', '|---|---|---|');
    for (const u of inventory.unclassified) out.push(`| ${esc(u.model)}.${esc(u.field)} | ${u.file}:${u.line} | ${u.proposed} |`);
    out.push('');
  }
  if (inventory.unknownLevels.length > 0) {
    out.push('## Unknown levels', '', '| Where | Written |', '|---|---|');
    for (const u of inventory.unknownLevels) out.push(`| ${esc(u.model)}${u.field ? `.${esc(u.field)}` : ''} (${u.file}:${u.line}) | \`${esc(u.written)}\` |`);
    out.push('');
  }
  if (inventory.belowRequired.length > 0) {
    out.push('## Personal data classified too low', '', '| Field | Where | Level | Required |', '|---|---|---|---|');
    for (const b of inventory.belowRequired) out.push(`| ${esc(b.model)}.${esc(b.field)} | ${b.file}:${b.line} | ${b.level} | ${b.required} |`);
    out.push('');
  }
  const top = inventory.levels[inventory.levels.length - 1] ?? 'restricted';
  out.push(`## ${top[0]!.toUpperCase()}${top.slice(1)} fields seen reaching logs`, '');
  if (inventory.restrictedInLogs.length === 0) out.push('None seen by this scan.', '');
  else {
    out.push('| Field | Declared at | Logged at |', '|---|---|---|');
    for (const r of inventory.restrictedInLogs) {
      out.push(`| ${esc(r.model)}.${esc(r.field)} | ${r.file}:${r.line} | ${r.loggedAt.map((l) => `${l.file}:${l.line}`).join('<br>')} |`);
    }
    out.push('');
  }

  out.push('## Models', '');
  for (const m of inventory.models) {
    const def = m.defaultLevel ? `, default ${m.defaultLevel}` : '';
    out.push(`### ${esc(m.name)}`, '', `\`${m.file}:${m.line}\` — ${m.syntax}${def}; highest level: ${m.highestLevel ?? 'none'}`, '');
    out.push('| Field | Level | Type | Line |', '|---|---|---|---:|');
    for (const f of m.fields) out.push(`| ${esc(f.name)} | ${levelCell(f)} | \`${esc(f.type)}\` | ${f.line} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
