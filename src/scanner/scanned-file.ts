import ts from 'typescript';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Range } from '../analysis/types.js';

export type FileKind = 'typescript' | 'json' | 'yaml' | 'env' | 'hcl' | 'graphql' | 'prisma' | 'text';

const TS_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/i;

export function fileKindOf(relPath: string): FileKind {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (TS_EXTENSIONS.test(base)) return 'typescript';
  if (base.endsWith('.json') || base.endsWith('.jsonc') || base.endsWith('.json5') || base === '.babelrc' || base === '.eslintrc') return 'json';
  if (base.endsWith('.yml') || base.endsWith('.yaml')) return 'yaml';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (base.endsWith('.tf') || base.endsWith('.tfvars') || base.endsWith('.hcl')) return 'hcl';
  if (base.endsWith('.graphql') || base.endsWith('.gql')) return 'graphql';
  if (base.endsWith('.prisma')) return 'prisma';
  return 'text';
}

export function scriptKindOf(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** A parse problem: becomes a `parse-error` finding. */
export interface ParseProblem {
  message: string;
  range: Range;
}

/**
 * One file of the scan, read once. Parsed forms are built on first use and shared by every
 * lane, so a file is parsed at most once per form.
 */
export class ScannedFile {
  readonly kind: FileKind;
  private lineStarts?: number[];
  private tsSource?: ts.SourceFile;
  private yamlDocs?: { docs: Document[]; counter: LineCounter };
  private jsonSource?: ts.JsonSourceFile;

  constructor(
    /** Absolute path. */
    readonly path: string,
    /** Relative to the scan's cwd, `/`-separated. */
    readonly relPath: string,
    readonly text: string,
  ) {
    this.kind = fileKindOf(relPath);
  }

  /** TypeScript/JavaScript syntax tree (kind `typescript`). */
  get sourceFile(): ts.SourceFile {
    this.tsSource ??= ts.createSourceFile(this.path, this.text, ts.ScriptTarget.Latest, true, scriptKindOf(this.path));
    return this.tsSource;
  }

  /** JSON syntax tree with positions (comments and trailing commas tolerated). */
  get json(): ts.JsonSourceFile {
    this.jsonSource ??= ts.parseJsonText(this.path, this.text);
    return this.jsonSource;
  }

  /** YAML documents (a file may hold several) with a line counter for positions. */
  get yaml(): { docs: Document[]; counter: LineCounter } {
    if (!this.yamlDocs) {
      const counter = new LineCounter();
      const docs = parseAllDocuments(this.text, { lineCounter: counter, uniqueKeys: false, logLevel: 'silent' });
      this.yamlDocs = { docs: Array.isArray(docs) ? docs : [], counter };
    }
    return this.yamlDocs;
  }

  /** Syntax errors in the file's own language, for the kinds datagate parses centrally. */
  parseProblems(): ParseProblem[] {
    switch (this.kind) {
      case 'typescript':
        return diagnosticsOf(this.sourceFile);
      case 'json':
        return diagnosticsOf(this.json);
      case 'yaml':
        return this.yaml.docs.flatMap((d) =>
          d.errors.map((e) => ({ message: e.message.split('\n')[0]!, range: [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)] as const })),
        );
      default:
        return [];
    }
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** Text of 1-based line `line`, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const end = starts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }

  get lineCount(): number {
    return this.starts().length;
  }

  lineStart(line: number): number {
    return this.starts()[line - 1] ?? this.text.length;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

interface WithParseDiagnostics {
  parseDiagnostics?: readonly ts.DiagnosticWithLocation[];
}

function diagnosticsOf(source: ts.SourceFile): ParseProblem[] {
  const diagnostics = (source as unknown as WithParseDiagnostics).parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    range: [d.start, d.start + Math.max(d.length, 1)] as const,
  }));
}

/** True when the bytes look binary (a NUL in the first 8 KiB) — not text to scan. */
export function looksBinary(buffer: Buffer): boolean {
  const n = Math.min(buffer.length, 8192);
  for (let i = 0; i < n; i++) if (buffer[i] === 0) return true;
  return false;
}

/** A minified bundle: JavaScript/CSS whose first lines are thousands of characters long. */
export function looksMinified(relPath: string, text: string): boolean {
  if (!/\.(?:[cm]?js|css)$/i.test(relPath) || text.length < 5000) return false;
  const lines = text.split('\n', 20);
  const longest = Math.max(...lines.map((l) => l.length));
  return longest > 3000 && text.length / Math.max(1, text.split('\n').length) > 500;
}
