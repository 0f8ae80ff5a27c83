import type { Inventory } from '../../scanner/inventory.js';
import type { ReportSection } from '../html.js';

const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The data inventory (src/scanner/inventory.ts) as a section of the scan report: every data
 * model and field with its classification, highest levels first, and what still needs review.
 * `datagate inventory --format html` is the standalone, sortable version.
 */
export function inventorySection(inventory: Inventory): ReportSection | undefined {
  if (inventory.models.length === 0) return undefined;
  const s = inventory.summary;
  const rank = new Map(inventory.levels.map((l, i) => [l, i]));
  const levels = [...inventory.levels].reverse().map((l) => `${esc(l)}: ${s.byLevel[l] ?? 0}`).join(' · ');
  const lead = `<p>${s.models} models, ${s.fields} fields — ${levels} · unclassified: ${s.unclassified} · unknown level: ${s.unknownLevel} · below the required level: ${s.belowRequired} · restricted fields seen in logs: ${s.restrictedInLogs}</p>`;
  const models = [...inventory.models].sort((a, b) => (rank.get(b.highestLevel ?? '') ?? -1) - (rank.get(a.highestLevel ?? '') ?? -1) || a.name.localeCompare(b.name));
  const rows = models
    .flatMap((m) =>
      m.fields.map((f) => {
        const level = f.source === 'relation' ? `→ ${f.relationTo ?? 'relation'}` : f.source === 'unclassified' ? `unclassified (proposed: ${f.proposed ?? '?'})` : f.source === 'unknown-level' ? `unknown '${f.written ?? ''}'` : (f.level ?? '');
        const notes = [f.source === 'inherited' ? 'inherited from the type' : '', f.personalData ?? '', (f.loggedAt ?? []).length > 0 ? `seen in logs: ${f.loggedAt!.map((l) => `${l.file}:${l.line}`).join(', ')}` : ''].filter(Boolean).join('; ');
        return `<tr><td>${esc(m.name)}</td><td>${esc(f.name)}</td><td>${esc(level)}</td><td class="loc">${esc(m.file)}:${f.line}</td><td>${esc(notes)}</td></tr>`;
      }),
    )
    .join('');
  return {
    id: 'inventory',
    title: `Data inventory (${s.models} models, ${s.fields} fields)`,
    html: `${lead}<table><thead><tr><th>Model</th><th>Field</th><th>Classification</th><th>Declared at</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`,
  };
}
