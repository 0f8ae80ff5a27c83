import type { Inventory } from '../../scanner/inventory.js';
import { formatInventoryCsv } from './csv.js';
import { formatInventoryHtml } from './html.js';
import { formatInventoryJson } from './json.js';
import { formatInventoryMarkdown } from './markdown.js';

/** `datagate inventory --format <name>`. */
export const INVENTORY_FORMATTERS: Readonly<Record<string, (inventory: Inventory) => string>> = {
  json: formatInventoryJson,
  markdown: formatInventoryMarkdown,
  csv: formatInventoryCsv,
  html: formatInventoryHtml,
};
