import ts from 'typescript';
import { classifyName } from '../sensitive-names.js';
import type { Detection } from '../types.js';
import type { Analyzer } from './analyzer.js';
import { calleePath } from './analyzer.js';
import { moduleRefOf, packageName } from './modules.js';
import { environmentOfPath, isDebugValue, isLevelKey, isWholesaleSetting } from './production.js';
import { skipOuter } from './scope.js';
import { isParam, type Taint } from './taint.js';

const RULE = 'no-sensitive-logging' as const;

/**
 * Logger configuration in code that logs data wholesale (rules/logging/logger-config.yaml):
 * a morgan format or token that prints the body, express-winston `requestWhitelist` with `body`,
 * Powertools `logEvent: true`, a pino serializer that adds the body, and log settings in
 * environment objects (`POWERTOOLS_LOGGER_LOG_EVENT: 'true'`; debug level in a production file).
 * Each finding points at the configuring property or argument.
 */
export function detectLoggerConfig(sourceFile: ts.SourceFile, analyzer: Analyzer): Detection[] {
  const k = analyzer.k;
  const c = k.config.code;
  const imported = importedPackages(sourceFile);
  const has = (packages: readonly string[]) => packages.some((p) => imported.has(p));
  const out: Detection[] = [];
  const report = (node: ts.Node, message: string) => out.push({ ruleId: RULE, message, range: [node.getStart(), node.getEnd()] });
  const production = environmentOfPath(sourceFile.fileName, k) === 'production';

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const path = calleePath(node.expression) ?? '';
      const root = path.split('.')[0]!;
      const rootPackage = packageOfBinding(node.expression, analyzer);
      if (has(c.morgan.packages) && rootPackage && c.morgan.packages.includes(rootPackage)) checkMorgan(node, path, root, analyzer, report);
      if (rootPackage && c.expressWinston.packages.includes(rootPackage)) checkWinstonOptions(node.arguments[0], analyzer, report);
      if (rootPackage && c.serializers.packages.includes(rootPackage)) checkSerializers(node.arguments[0], analyzer, report);
      if (/(?:^|\.)injectLambdaContext$/.test(path) && has(c.powertools.packages)) node.arguments.forEach((a) => checkLogEvent(a, analyzer, report));
    }
    if (ts.isNewExpression(node) && packageOfBinding(node.expression, analyzer) && c.powertools.packages.includes(packageOfBinding(node.expression, analyzer)!)) {
      node.arguments?.forEach((a) => checkLogEvent(a, analyzer, report));
    }
    // expressWinston.requestWhitelist.push('body')
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'push') {
      const target = node.expression.expression;
      if (ts.isPropertyAccessExpression(target) && c.expressWinston.whitelistOptions.includes(target.name.text) && c.expressWinston.packages.includes(packageOfBinding(target, analyzer) ?? '')) {
        whitelistFinding(target.name.text, node.arguments.filter(ts.isStringLiteralLike), analyzer, report);
      }
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteralLike(node.name))) {
      const key = node.name.text;
      const value = literalValue(node.initializer);
      const parent = node.parent.parent;
      const parentKey = ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteralLike(parent.name)) ? parent.name.text : undefined;
      if (value !== undefined && parentKey && c.environmentObjects.includes(parentKey) && isWholesaleSetting(key, value, k)) {
        report(node, `${key}=${String(value)} makes the Powertools logger print every event whole (request bodies, headers, tokens): remove it and log ids and event types instead`);
      } else if (production && value !== undefined && isLevelKey(key, parentKey, k) && isDebugValue(value, k)) {
        report(node, `Debug logging switched on in production configuration (${key}: ${String(value)}): debug logging must be restricted in production`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

type Report = (node: ts.Node, message: string) => void;

function importedPackages(sourceFile: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      out.add(node.moduleSpecifier.text);
      out.add(packageName(node.moduleSpecifier.text));
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      out.add(node.arguments[0].text);
      out.add(packageName(node.arguments[0].text));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** The package the root identifier of an expression was imported from. */
function packageOfBinding(expr: ts.Expression, analyzer: Analyzer): string | undefined {
  let e = skipOuter(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = analyzer.resolveLocal(e);
  const ref = decl && moduleRefOf(decl);
  return ref ? packageName(ref.module) : undefined;
}

function literalValue(e: ts.Expression): string | boolean | number | undefined {
  const v = skipOuter(e);
  if (ts.isStringLiteralLike(v)) return v.text;
  if (ts.isNumericLiteral(v)) return Number(v.text);
  if (v.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (v.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function checkMorgan(call: ts.CallExpression, path: string, root: string, analyzer: Analyzer, report: Report): void {
  const tokens = analyzer.k.config.code.morgan.bodyTokens;
  if (path === `${root}.token` && call.arguments.length >= 2) {
    const fn = analyzer.functionOf(skipOuter(call.arguments[1]!));
    const name = call.arguments[0] && ts.isStringLiteralLike(call.arguments[0]) ? call.arguments[0].text : 'custom';
    if (fn && returnsRequestData(fn, analyzer)) {
      report(call, `morgan token ':${name}' prints request data with every request line: log the request id and status instead`);
    }
    return;
  }
  if (path !== root) return;
  const format = call.arguments[0];
  if (!format || !ts.isStringLiteralLike(format)) return;
  const text = format.text;
  const body = tokens.find((t) => new RegExp(`${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text));
  if (body) {
    report(format, `morgan format '${text}' logs every request body (${body}): log the request id and status instead`);
    return;
  }
  for (const m of text.matchAll(/:req\[([^\]]+)\]/g)) {
    const named = classifyName(m[1]!, analyzer.policy);
    if (named) {
      report(format, `morgan format logs the ${m[1]} header (${named.label}) with every request: remove :req[${m[1]}]`);
      return;
    }
  }
}

/** A function `(req, …) => …` that returns (a part of) request data: a morgan token or a serializer. */
function returnsRequestData(fn: ts.SignatureDeclaration, analyzer: Analyzer): boolean {
  const returns: Taint[] = analyzer.summaryOf(fn).returns;
  return returns.some((t) => {
    if (!isParam(t) || t.index !== 0) return false;
    return pathIsRequestData(t.path, analyzer);
  });
}

function pathIsRequestData(path: readonly string[], analyzer: Analyzer): boolean {
  const src = analyzer.k.sources;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!.replace(/\(\)$/, '');
    if (src.objectProperties.includes(seg)) continue;
    const data = src.dataProperties[seg];
    if (data) {
      const rest = path.slice(i + 1);
      if (rest.length === 0) return data.parts === 'unless-safe' || seg === 'headers';
      return data.parts === 'unless-safe' || rest.some((r) => classifyName(r, analyzer.policy) !== undefined);
    }
    if (src.dataMethods[seg] && !src.dataMethods[seg]!.argument) return true;
    return false;
  }
  return false;
}

function checkWinstonOptions(options: ts.Expression | undefined, analyzer: Analyzer, report: Report): void {
  const o = options && skipOuter(options);
  if (!o || !ts.isObjectLiteralExpression(o)) return;
  for (const p of o.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
    if (!analyzer.k.config.code.expressWinston.whitelistOptions.includes(p.name.text)) continue;
    const list = skipOuter(p.initializer);
    if (!ts.isArrayLiteralExpression(list)) continue;
    whitelistFinding(p.name.text, list.elements.filter(ts.isStringLiteralLike), analyzer, report);
  }
}

/** One finding per whitelist: at its first offending entry, naming every offending entry. */
function whitelistFinding(option: string, entries: readonly ts.StringLiteralLike[], analyzer: Analyzer, report: Report): void {
  const bad = entries.filter((e) => whitelistEntryIsWholesale(option, e.text, analyzer));
  if (bad.length === 0) return;
  const names = bad.map((e) => `'${e.text}'`).join(', ');
  if (option === 'bodyWhitelist') {
    report(bad[0]!, `express-winston bodyWhitelist logs personal body fields (${names}) of every request: log ids instead`);
    return;
  }
  const what = option === 'responseWhitelist' ? 'every response' : 'every request';
  report(bad[0]!, `express-winston ${option} with ${names} logs that data for ${what}: log the request id and status instead`);
}

function whitelistEntryIsWholesale(option: string, value: string, analyzer: Analyzer): boolean {
  if (option === 'bodyWhitelist') return classifyName(value, analyzer.policy) !== undefined;
  const [head, ...rest] = value.split('.');
  return head !== undefined && analyzer.k.config.code.expressWinston.wholesale.includes(head) && (rest.length === 0 || head === 'body' || rest.some((r) => classifyName(r, analyzer.policy) !== undefined));
}

function checkLogEvent(options: ts.Expression | undefined, analyzer: Analyzer, report: Report): void {
  const o = options && skipOuter(options);
  if (!o || !ts.isObjectLiteralExpression(o)) return;
  for (const p of o.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || !analyzer.k.config.code.powertools.options.includes(p.name.text)) continue;
    if (skipOuter(p.initializer).kind === ts.SyntaxKind.TrueKeyword) {
      report(p, `Powertools ${p.name.text}: true logs every Lambda event whole (request bodies, headers, tokens): remove it and log ids and event types instead`);
    }
  }
}

function checkSerializers(options: ts.Expression | undefined, analyzer: Analyzer, report: Report): void {
  const o = options && skipOuter(options);
  if (!o || !ts.isObjectLiteralExpression(o)) return;
  const option = analyzer.k.config.code.serializers.option;
  const serializers = o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === option);
  const map = serializers && skipOuter(serializers.initializer);
  if (!map || !ts.isObjectLiteralExpression(map)) return;
  for (const p of map.properties) {
    const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? analyzer.functionOf(p) : undefined;
    if (!fn || !p.name || !ts.isIdentifier(p.name)) continue;
    if (returnsRequestData(fn, analyzer) || returnsObjectWithRequestData(fn, analyzer)) {
      report(p, `pino serializer '${p.name.text}' adds request data (the body) to every log line: keep the standard serializer (id, method, url)`);
    }
  }
}

/** `(req) => ({ id: req.id, body: req.raw.body })`: an object literal returned with a request-data field. */
function returnsObjectWithRequestData(fn: ts.SignatureDeclaration, analyzer: Analyzer): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  const objects: ts.ObjectLiteralExpression[] = [];
  const collect = (e: ts.Expression | undefined) => {
    const x = e && skipOuter(e);
    if (x && ts.isObjectLiteralExpression(x)) objects.push(x);
  };
  if (!ts.isBlock(body)) collect(body);
  else {
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n)) collect(n.expression);
      if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
  }
  return objects.some((obj) =>
    analyzer.evaluateObject(obj, undefined).some((t) => isParam(t) && t.fn === fn && t.index === 0 && pathIsRequestData(t.path, analyzer)),
  );
}
