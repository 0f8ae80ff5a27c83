import type { Inventory } from '../../scanner/inventory.js';

export const CSV_COLUMNS = ['model', 'field', 'level', 'source', 'syntax', 'file', 'line', 'type', 'relation_to', 'personal_data', 'proposed', 'pending_review', 'logged_at'] as const;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function cell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it so the text stays text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per field, for spreadsheets: the data review board filters and sorts it there. */
export function formatInventoryCsv(inventory: Inventory): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const model of inventory.models) {
    for (const f of model.fields) {
      rows.push(
        [
          model.name,
          f.name,
          f.level ?? (f.source === 'unknown-level' ? f.written : ''),
          f.source,
          model.syntax,
          model.file,
          f.line,
          f.type,
          f.relationTo,
          f.personalData,
          f.proposed,
          f.pendingReview ? 'yes' : '',
          (f.loggedAt ?? []).map((s) => `${s.file}:${s.line}`).join(' '),
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
