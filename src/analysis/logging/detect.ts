import ts from 'typescript';
import type { Detection, FlowStep, Suggestion, TextEdit } from '../types.js';
import { Analyzer, calleePath, shortText } from './analyzer.js';
import { moduleRefOf } from './modules.js';
import { skipOuter } from './scope.js';
import { isSource, type Source, type ViaStep } from './taint.js';

const RULE = 'no-sensitive-logging' as const;

export interface FlowOptions {
  /** How a file is named in messages (relative to the scan's directory). */
  displayPath(file: string): string;
}

interface Reported {
  call: ts.CallExpression;
  sources: Source[];
  sinkLabel: string;
  sink: ts.CallExpression;
  via: ViaStep[];
}

/**
 * Every flow of sensitive data into a log in one file: calls to log sinks with a sensitive
 * argument, and calls that hand a sensitive value to a logging wrapper (a function whose
 * parameter reaches a sink, in this file or — with a checker — in another). One finding per
 * call, naming the first source, the sink and the helpers in between.
 */
export function detectFlows(sourceFile: ts.SourceFile, analyzer: Analyzer, options: FlowOptions): Detection[] {
  const reported: Reported[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const found = flowAt(node, analyzer);
      if (found) reported.push(found);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const masking = maskingHelper(sourceFile, analyzer);
  return reported.map((r) => toDetection(r, sourceFile, options, masking, analyzer));
}

function flowAt(call: ts.CallExpression, analyzer: Analyzer): Reported | undefined {
  const sink = analyzer.loggers.sinkOf(call);
  if (sink) {
    const sources = dedupe(call.arguments.flatMap((arg) => analyzer.sinkArgumentTaints(arg, sink)).filter(isSource).map((t) => t.source));
    return sources.length > 0 ? { call, sources, sinkLabel: sink.label, sink: call, via: [] } : undefined;
  }
  const fn = analyzer.resolveFunction(call.expression);
  if (!fn) return undefined;
  const summary = analyzer.summaryOf(fn);
  for (const s of summary.sinks) {
    if (s.reportedInside) continue;
    const sources = dedupe(analyzer.argumentTaints(call, s.index, s.rest, s.path).filter(isSource).map((t) => t.source));
    if (sources.length === 0) continue;
    const step: ViaStep = { call, helper: calleePath(skipOuter(call.expression)) ?? shortText(call.expression), declaration: fn };
    return { call, sources, sinkLabel: s.sinkLabel, sink: s.sink, via: [step, ...s.via] };
  }
  return undefined;
}

/**
 * One entry per distinct source. A field of request data that is also personal by name
 * (`req.body.email`) becomes one source: "email address from the request body".
 */
function dedupe(sources: Source[]): Source[] {
  const byNode = new Map<ts.Node, Source[]>();
  for (const s of sources) {
    const list = byNode.get(s.node);
    if (list) list.push(s);
    else byNode.set(s.node, [s]);
  }
  const merged: Source[] = [];
  for (const list of byNode.values()) {
    const request = list.find((s) => s.kind === 'request-data');
    const personal = list.find((s) => s.kind === 'name' || s.kind === 'model');
    if (request && personal) merged.push({ ...request, label: `${personal.label} from the ${request.label}` }, ...list.filter((s) => s !== request && s !== personal));
    else merged.push(...list);
  }
  const seen = new Set<string>();
  const out: Source[] = [];
  // request data and whole requests first: they are what the policy's ❌ example names
  const rank = (s: Source) => (s.kind === 'request-data' ? 0 : s.kind === 'request' ? 1 : s.kind === 'model' ? 2 : 3);
  for (const s of merged.sort((a, b) => rank(a) - rank(b))) {
    const key = `${s.label}\0${s.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

function toDetection(r: Reported, sourceFile: ts.SourceFile, options: FlowOptions, masking: string | undefined, analyzer: Analyzer): Detection {
  const first = r.sources[0]!;
  const others = [...new Set(r.sources.slice(1).map((s) => s.label))].filter((l) => l !== first.label);
  const also = others.length > 0 ? ` (with ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
  const here = sourceFile.fileName;
  const via =
    r.via.length > 0
      ? ` via ${r.via
          .map((v) => {
            const file = v.declaration.getSourceFile().fileName;
            return `${v.helper}()${file === here ? '' : ` in ${options.displayPath(file)}`}`;
          })
          .join(' → ')}`
      : '';
  const message = `${describe(first)}${also} reaches ${r.sinkLabel}${via}: log an id, an event type or a masked value instead`;
  const flow: FlowStep[] = [
    { file: first.node.getSourceFile().fileName, range: rangeOf(first.node), message: describe(first) },
    ...r.via.map((v) => ({ file: v.call.getSourceFile().fileName, range: rangeOf(v.call), message: `passed to ${v.helper}()` })),
    { file: r.sink.getSourceFile().fileName, range: rangeOf(r.sink), message: `logged by ${r.sinkLabel}` },
  ];
  const suggestion = masking ? suggest(r, masking, analyzer) : undefined;
  return {
    ruleId: RULE,
    message,
    range: rangeOf(r.call),
    flow,
    suggestions: suggestion ? [suggestion] : undefined,
    fingerprintKey: `${shortText(r.call.expression)}\0${first.label}\0${first.text}`,
    data: { source: first.kind, sourceLabel: first.label, sink: r.sinkLabel, ...modelData(r.sources) },
  };
}

/**
 * `model` and `fields` (comma-separated) for the inventory's "where restricted fields reach logs",
 * from the first classified source. Fields reached through a relation (`referrer.email`) belong to
 * another model: when there are any, the inventory reads the label instead, which names them.
 */
function modelData(sources: readonly Source[]): { model?: string; fields?: string } {
  const classified = sources.find((s) => s.kind === 'model' && s.model);
  if (!classified?.model || classified.model.fields.some((f) => f.includes('.'))) return {};
  return { model: classified.model.name, fields: classified.model.fields.join(', ') };
}

function describe(s: Source): string {
  return s.text && s.text !== s.label ? `${s.label} (${s.text})` : s.label;
}

function rangeOf(node: ts.Node): [number, number] {
  return [node.getStart(), node.getEnd()];
}

/**
 * The helper the editor suggests: `logging.maskingHelper` from the config, else a masking
 * function this file already imports or declares (`maskEmail`, `redactPii`).
 */
function maskingHelper(sourceFile: ts.SourceFile, analyzer: Analyzer): string | undefined {
  if (analyzer.k.maskingHelper) return analyzer.k.maskingHelper;
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
      for (const el of statement.importClause.namedBindings.elements) {
        if (/^(?:mask|redact)(?:[A-Z]|$)/.test(el.name.text) && moduleRefOf(el)) return el.name.text;
      }
    }
    if (ts.isFunctionDeclaration(statement) && statement.name && /^(?:mask|redact)(?:[A-Z]|$)/.test(statement.name.text)) return statement.name.text;
  }
  return undefined;
}

/** Wrap the personal values in the masking helper (not whole requests: those should not be logged at all). */
function suggest(r: Reported, helper: string, analyzer: Analyzer): Suggestion | undefined {
  if (r.via.length > 0 || r.sources.some((s) => s.kind === 'request' || s.kind === 'request-data')) return undefined;
  const edits: TextEdit[] = [];
  const wrap = (e: ts.Expression) => edits.push({ range: rangeOf(e), text: `${helper}(${e.getText()})` });
  for (const arg of r.call.arguments) {
    const a = skipOuter(arg);
    if (ts.isObjectLiteralExpression(a)) {
      for (const p of a.properties) {
        if (ts.isShorthandPropertyAssignment(p) && analyzer.evaluate(p.name).some(isSource)) {
          edits.push({ range: rangeOf(p), text: `${p.name.text}: ${helper}(${p.name.text})` });
        } else if (ts.isPropertyAssignment(p)) {
          const value = p.initializer;
          if (analyzer.evaluate(value).some(isSource) || (analyzer.isOpaqueValue(value) && p.name && ts.isIdentifier(p.name) && analyzer.nameSource(p.name.text, value))) wrap(value);
        }
      }
    } else if (ts.isTemplateExpression(a)) {
      for (const span of a.templateSpans) if (analyzer.evaluate(span.expression).some(isSource)) wrap(span.expression);
    } else if (analyzer.evaluate(arg).some(isSource)) {
      wrap(arg);
    }
  }
  return edits.length > 0 ? { message: `Wrap the sensitive value in ${helper}()`, edits } : undefined;
}
