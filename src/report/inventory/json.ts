import type { Inventory } from '../../scanner/inventory.js';

/** The inventory as JSON: the shape tools and the exact-match fixture tests read. */
export function formatInventoryJson(inventory: Inventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}
