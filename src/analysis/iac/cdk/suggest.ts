import ts from 'typescript';
import type { Policy } from '../../../policy/types.js';
import type { Suggestion, TextEdit } from '../../types.js';
import type { IacResource } from '../model.js';
import { conditionsHold } from '../requirements/lookup.js';
import { loadRequirements, matchersOf, typesOf } from '../requirements/load.js';
import type { Matcher } from '../requirements/types.js';
import { cdkModuleOf } from './modules.js';

/**
 * The editor's fix for a CDK finding, from the requirement's `cdk` matcher in rules/aws:
 *   suggest: { insert: "enforceSSL: true", replace: "true" }
 * `insert` is added to the construct's props object when the property is missing (the finding is
 * on the construct); `replace` replaces the offending value (the finding is on the value).
 * Placeholders: `{logs.RetentionDays}` / `{core.Duration}` become the expression this file's own
 * imports give that export (`logs.RetentionDays`, `RetentionDays`, `cdk.aws_logs.RetentionDays`),
 * adding an import when the file has none; `{retentionMember}` the longest RetentionDays member
 * inside the policy's range; `{backupMin}`, `{min}`, `{max}` the policy's numbers; `{id}` the
 * construct id.
 */
export interface CdkSuggest {
  insert?: string;
  replace?: string;
}

export function cdkSuggestion(
  sf: ts.SourceFile,
  resource: IacResource,
  requirementId: string,
  range: readonly [number, number],
  policy: Policy,
): Suggestion | undefined {
  const matcher = matcherFor(resource, requirementId);
  const suggest = (matcher as (Matcher & { suggest?: CdkSuggest }) | undefined)?.suggest;
  if (!matcher || !suggest) return undefined;
  const atResource = resource.file === sf.fileName && range[0] === resource.range[0] && range[1] === resource.range[1];
  const imports = new ImportEdits(sf);
  if (atResource) {
    if (!suggest.insert) return undefined;
    const text = fill(suggest.insert, matcher, resource, policy, imports);
    const edit = insertProp(sf, resource.range, text);
    return edit ? { message: `Add ${text}`, edits: [edit, ...imports.edits()] } : undefined;
  }
  if (!suggest.replace) return undefined;
  const text = fill(suggest.replace, matcher, resource, policy, imports);
  return { message: `Set it to ${text}`, edits: [{ range, text }, ...imports.edits()] };
}

function matcherFor(resource: IacResource, requirementId: string): Matcher | undefined {
  const req = loadRequirements().find((r) => r.id === requirementId);
  if (!req) return undefined;
  return matchersOf(req, 'cdk').find((m) => typesOf(m).includes(resource.type) && conditionsHold(resource.props, m.when));
}

function fill(template: string, m: Matcher, resource: IacResource, policy: Policy, imports: ImportEdits): string {
  const id = resource.id.split('/').pop() ?? resource.id;
  return template.replace(/\{([\w-]+)(?:\.(\w+))?\}/g, (whole, a: string, b: string | undefined) => {
    if (b) return imports.reference(a, b);
    switch (a) {
      case 'retentionMember':
        return retentionMember(m, policy);
      case 'backupMin':
        return String(policy.backup.minDays);
      case 'min':
        return String(policy.retention.minDays);
      case 'max':
        return String(policy.retention.maxDays);
      case 'id':
        return id;
      default:
        return whole;
    }
  });
}

/** The RetentionDays member with the most days inside the policy range (ONE_MONTH for 7–30). */
function retentionMember(m: Matcher, policy: Policy): string {
  let best: [string, number] | undefined;
  for (const [name, days] of Object.entries(m.named ?? {})) {
    if (typeof days !== 'number' || days < policy.retention.minDays || days > policy.retention.maxDays) continue;
    if (!best || days > best[1]) best = [name.split('.').pop()!, days];
  }
  return best?.[0] ?? 'ONE_MONTH';
}

/** Adds `text` as a property of the props object of the construct at `range`. */
function insertProp(sf: ts.SourceFile, range: readonly [number, number], text: string): TextEdit | undefined {
  const call = findCall(sf, range);
  if (!call) return undefined;
  const args = call.arguments ?? ts.factory.createNodeArray();
  const propsIndex = ts.isNewExpression(call) ? 2 : 1;
  const props = args[propsIndex];
  if (!props) {
    const last = args[propsIndex - 1];
    return last ? { range: [last.getEnd(), last.getEnd()], text: `, { ${text} }` } : undefined;
  }
  if (!ts.isObjectLiteralExpression(props)) return undefined;
  const properties = props.properties;
  const name = /^\s*(\w+)\s*:/.exec(text)?.[1];
  if (name && properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name)) return undefined;
  if (properties.length === 0) return { range: [props.getStart(sf), props.getEnd()], text: `{ ${text} }` };
  const last = properties[properties.length - 1]!;
  const multiline = sf.getLineAndCharacterOfPosition(props.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(last.getStart(sf)).line;
  if (!multiline) return { range: [last.getEnd(), last.getEnd()], text: `, ${text}` };
  const lineStart = sf.getPositionOfLineAndCharacter(sf.getLineAndCharacterOfPosition(last.getStart(sf)).line, 0);
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  if (properties.hasTrailingComma) {
    const comma = sf.text.indexOf(',', last.getEnd());
    return { range: [comma + 1, comma + 1], text: `\n${indent}${text},` };
  }
  return { range: [last.getEnd(), last.getEnd()], text: `,\n${indent}${text}` };
}

function findCall(sf: ts.SourceFile, range: readonly [number, number]): ts.NewExpression | ts.CallExpression | undefined {
  let found: ts.NewExpression | ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() < range[0] || node.getStart(sf) > range[1]) return;
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.getStart(sf) === range[0] && node.getEnd() === range[1]) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** How this file names an aws-cdk-lib export, and the import to add when it names none. */
class ImportEdits {
  private readonly added = new Map<string, string>();

  constructor(private readonly sf: ts.SourceFile) {}

  reference(service: string, exported: string): string {
    let root: string | undefined;
    for (const s of this.sf.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) continue;
      const mod = cdkModuleOf(s.moduleSpecifier.text);
      if (!mod) continue;
      const bindings = s.importClause.namedBindings;
      if (mod.service === service || (service === 'core' && mod.service === undefined)) {
        if (bindings && ts.isNamespaceImport(bindings)) return `${bindings.name.text}.${exported}`;
        if (bindings && ts.isNamedImports(bindings)) {
          const el = bindings.elements.find((e) => (e.propertyName ?? e.name).text === exported);
          if (el) return el.name.text;
        }
      }
      if (mod.service === undefined && bindings) {
        if (ts.isNamespaceImport(bindings)) root = bindings.name.text;
        else {
          const el = bindings.elements.find((e) => (e.propertyName ?? e.name).text === `aws_${service.replace(/-/g, '_')}`);
          if (el) return `${el.name.text}.${exported}`;
        }
      }
    }
    if (root) return service === 'core' ? `${root}.${exported}` : `${root}.aws_${service.replace(/-/g, '_')}.${exported}`;
    if (service === 'core') {
      this.added.set(`core:${exported}`, `import { ${exported} } from 'aws-cdk-lib';`);
      return exported;
    }
    const alias = service.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    this.added.set(`svc:${service}`, `import * as ${alias} from 'aws-cdk-lib/aws-${service}';`);
    return `${alias}.${exported}`;
  }

  edits(): TextEdit[] {
    if (this.added.size === 0) return [];
    const imports = this.sf.statements.filter(ts.isImportDeclaration);
    const at = imports.length > 0 ? imports[imports.length - 1]!.getEnd() : 0;
    const text = [...this.added.values()].join('\n');
    return [{ range: [at, at], text: at === 0 ? `${text}\n` : `\n${text}` }];
  }
}
