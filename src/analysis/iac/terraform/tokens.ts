import type { Range } from '../../types.js';

/**
 * HCL2 native-syntax tokens (github.com/hashicorp/hcl/hclsyntax/spec.md). Templates are lexed
 * into their pieces (open/close quote, literal text, `${`/`%{` openers, the closing `}`), so the
 * parser sees one flat stream and every token keeps its exact offsets.
 */
export type TokenType =
  | 'ident'
  | 'number'
  | 'newline'
  | 'oquote' // "
  | 'cquote' // closing "
  | 'oheredoc' // <<EOF or <<-EOF, including the line break
  | 'cheredoc' // the closing marker line
  | 'stringlit' // literal text inside a template (escapes already decoded)
  | 'interp' // ${ (or ${~)
  | 'control' // %{ (or %{~)
  | 'templateend' // } (or ~}) closing an interpolation or directive
  | 'punct'
  | 'eof'
  | 'invalid';

export interface Token {
  type: TokenType;
  /** Source text (for punctuation: the operator itself; for stringlit: the decoded value). */
  text: string;
  range: Range;
  /** `~` strip markers on template openers/closers. */
  strip?: boolean;
  /** For oheredoc: whether it is the indented form `<<-`. */
  indented?: boolean;
}

export interface LexError {
  message: string;
  range: Range;
}

const PUNCT3 = new Set(['...']);
const PUNCT2 = new Set(['=>', '==', '!=', '<=', '>=', '&&', '||', '::']);
const PUNCT1 = new Set(['{', '}', '[', ']', '(', ')', '=', ',', '.', ':', '?', '!', '<', '>', '+', '-', '*', '/', '%']);

/** The operator or punctuation at pos, longest first. */
function punctAt(text: string, pos: number): string | undefined {
  const three = text.slice(pos, pos + 3);
  if (PUNCT3.has(three)) return three;
  const two = three.slice(0, 2);
  if (PUNCT2.has(two)) return two;
  const one = three.slice(0, 1);
  return PUNCT1.has(one) ? one : undefined;
}

type Mode = { kind: 'quoted' } | { kind: 'heredoc'; marker: string; indented: boolean };

/** What an open `{` was: a plain brace, or the opener of a template interpolation/directive. */
type Brace = 'brace' | { template: Mode };

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// ASCII first: identifiers are almost always ASCII, and a regex per character is slow.
function isIdentStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  return LETTER.test(c);
}

function isIdentPart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45;
  return LETTER_OR_DIGIT.test(c);
}

/** Splits HCL source into tokens. Comments are dropped; line breaks are kept (they end attributes). */
export function tokenize(text: string): { tokens: Token[]; errors: LexError[] } {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  const braces: Brace[] = [];
  let pos = 0;
  const push = (type: TokenType, start: number, end: number, extra?: Partial<Token>) => {
    const token: Token = { type, text: text.slice(start, end), range: [start, end] };
    tokens.push(extra ? Object.assign(token, extra) : token);
  };

  /** Lexes template content (quoted or heredoc) until its end or a `${`/`%{`; returns true when the template ended. */
  const lexTemplate = (mode: Mode): boolean => {
    let value = '';
    let litStart = pos;
    const flush = () => {
      if (pos > litStart) tokens.push({ type: 'stringlit', text: value, range: [litStart, pos] });
      value = '';
    };
    while (pos < text.length) {
      const c = text[pos]!;
      if (mode.kind === 'heredoc' && (pos === 0 || text[pos - 1] === '\n')) {
        const lineEnd = text.indexOf('\n', pos);
        const line = text.slice(pos, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
        // HCL2 accepts the closing marker indented, in both the <<EOF and <<-EOF forms
        if (line.trim() === mode.marker) {
          flush();
          const markerStart = pos + line.indexOf(mode.marker);
          push('cheredoc', markerStart, markerStart + mode.marker.length);
          pos = markerStart + mode.marker.length;
          return true;
        }
      }
      if (mode.kind === 'quoted') {
        if (c === '"') {
          flush();
          push('cquote', pos, pos + 1);
          pos++;
          return true;
        }
        if (c === '\n' || (c === '\r' && text[pos + 1] === '\n')) {
          flush();
          errors.push({ message: 'Unterminated string: a quoted string cannot span lines (use a heredoc)', range: [pos, pos + 1] });
          return true;
        }
        if (c === '\\') {
          const escaped = decodeEscape(text, pos);
          if (!escaped) {
            errors.push({ message: `Invalid escape sequence "${text.slice(pos, pos + 2)}"`, range: [pos, Math.min(pos + 2, text.length)] });
            value += text[pos + 1] ?? '';
            pos += 2;
          } else {
            value += escaped.value;
            pos += escaped.length;
          }
          continue;
        }
      }
      if ((c === '$' || c === '%') && text[pos + 1] === c && text[pos + 2] === '{') {
        // $${ and %%{ are literal ${ and %{
        value += `${c}{`;
        pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && text[pos + 1] === '{') {
        flush();
        const strip = text[pos + 2] === '~';
        push(c === '$' ? 'interp' : 'control', pos, pos + (strip ? 3 : 2), { strip });
        pos += strip ? 3 : 2;
        braces.push({ template: mode });
        return false;
      }
      value += c;
      pos++;
    }
    flush();
    errors.push({
      message: mode.kind === 'quoted' ? 'Unterminated string: missing closing quote' : `Unterminated heredoc: missing closing marker ${mode.marker}`,
      range: [Math.max(0, text.length - 1), text.length],
    });
    return true;
  };

  while (pos < text.length) {
    const c = text[pos]!;
    const start = pos;
    if (c === ' ' || c === '\t' || c === '\r') {
      pos++;
      continue;
    }
    if (c === '\n') {
      push('newline', pos, pos + 1);
      pos++;
      continue;
    }
    if (c === '#' || (c === '/' && text[pos + 1] === '/')) {
      while (pos < text.length && text[pos] !== '\n') pos++;
      continue;
    }
    if (c === '/' && text[pos + 1] === '*') {
      const end = text.indexOf('*/', pos + 2);
      if (end < 0) {
        errors.push({ message: 'Unterminated comment: missing */', range: [pos, pos + 2] });
        pos = text.length;
      } else {
        // a multi-line comment still separates lines, like the newline it contains
        const body = text.slice(pos, end + 2);
        pos = end + 2;
        if (body.includes('\n')) push('newline', pos - 1, pos);
      }
      continue;
    }
    if (c === '"') {
      push('oquote', pos, pos + 1);
      pos++;
      lexTemplate({ kind: 'quoted' });
      continue;
    }
    if (c === '<' && text[pos + 1] === '<') {
      const m = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/u.exec(text.slice(pos, pos + 200));
      if (m) {
        push('oheredoc', pos, pos + m[0].length, { indented: m[1] === '-' });
        pos += m[0].length;
        lexTemplate({ kind: 'heredoc', marker: m[2]!, indented: m[1] === '-' });
        continue;
      }
    }
    const top = braces[braces.length - 1];
    if (c === '~' && text[pos + 1] === '}' && typeof top === 'object') {
      braces.pop();
      push('templateend', pos, pos + 2, { strip: true });
      pos += 2;
      lexTemplate(top.template);
      continue;
    }
    if (c === '}') {
      const top = braces.pop();
      if (top && typeof top === 'object') {
        push('templateend', pos, pos + 1);
        pos++;
        lexTemplate(top.template);
        continue;
      }
      push('punct', pos, pos + 1);
      pos++;
      continue;
    }
    if (c === '{') {
      braces.push('brace');
      push('punct', pos, pos + 1);
      pos++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      const m = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(pos, pos + 100))!;
      pos += m[0].length;
      push('number', start, pos);
      continue;
    }
    if (isIdentStart(c)) {
      pos++;
      while (pos < text.length && isIdentPart(text[pos]!)) pos++;
      push('ident', start, pos);
      continue;
    }
    const op = punctAt(text, pos);
    if (op) {
      pos += op.length;
      push('punct', start, pos);
      continue;
    }
    errors.push({ message: `Invalid character "${c}"`, range: [pos, pos + 1] });
    push('invalid', pos, pos + 1);
    pos++;
  }
  push('eof', text.length, text.length);
  return { tokens, errors };
}

function decodeEscape(text: string, pos: number): { value: string; length: number } | undefined {
  const next = text[pos + 1];
  switch (next) {
    case 'n':
      return { value: '\n', length: 2 };
    case 'r':
      return { value: '\r', length: 2 };
    case 't':
      return { value: '\t', length: 2 };
    case '"':
      return { value: '"', length: 2 };
    case '\\':
      return { value: '\\', length: 2 };
    case 'u':
    case 'U': {
      const digits = next === 'u' ? 4 : 8;
      const hex = text.slice(pos + 2, pos + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return undefined;
      return { value: String.fromCodePoint(parseInt(hex, 16)), length: 2 + digits };
    }
    default:
      return undefined;
  }
}
