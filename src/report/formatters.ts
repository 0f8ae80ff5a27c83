import type { ScanResult } from '../scanner/scan.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** ANSI colours (stylish only; on when writing to a terminal). */
  color: boolean;
}

export type Formatter = (result: ScanResult, options: FormatOptions) => string;

/** Report formats of `datagate scan --format`. A new format is one import and one entry here. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish: (result, options) => formatStylish(result, { color: options.color }),
  json: (result) => formatJson(result),
  sarif: (result) => formatSarif(result),
  markdown: (result) => formatMarkdown(result),
  html: (result) => formatHtml(result),
};
