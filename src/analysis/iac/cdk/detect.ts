import { dirname, relative } from 'node:path';
import type { Detection, TsFileContext } from '../../types.js';
import { evaluateResources } from '../engine.js';
import type { IacRuleId } from '../requirements/types.js';
import type { Host } from './evaluate.js';
import { readCdkResources } from './index.js';
import { cdkSuggestion } from './suggest.js';

/**
 * The ESLint side of the four IaC rules: the CDK resources this file declares (with imports
 * followed when the editor has type information), the same engine as the scan, filtered to one
 * rule, with a suggestion where the fix is a prop. A finding whose offending value sits in another
 * file (a shared config module) is shown on the construct here, naming that file.
 */
export function detectCdk(ruleId: IacRuleId, ctx: TsFileContext, load?: Host['load']): Detection[] {
  const resources = readCdkResources(ctx, load);
  if (resources.length === 0) return [];
  const out: Detection[] = [];
  const seen = new Set<string>();
  for (const d of evaluateResources(resources, ctx.policy)) {
    if (d.ruleId !== ruleId) continue;
    const resource = resources.find((r) => r.id === d.data?.resource && r.type === d.data?.resourceType && r.file === ctx.fileName) ?? resources.find((r) => r.id === d.data?.resource && r.type === d.data?.resourceType);
    let { range, message } = d;
    if (d.file !== ctx.fileName) {
      if (!resource || resource.file !== ctx.fileName) continue;
      const rel = relative(dirname(ctx.fileName), d.file).split('\\').join('/');
      const where = rel.startsWith('.') ? rel : `./${rel}`;
      range = resource.range;
      message = `${message} (the value is set in ${where})`;
    }
    const key = `${range[0]}:${range[1]}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { file: _file, ...rest } = d;
    const detection: Detection = { ...rest, range, message };
    // A missing customer-managed key is not one prop to add: no suggestion for it.
    const fixable = d.kind === 'violation' && !d.fingerprintKey?.endsWith(':noCmk');
    if (fixable && resource && typeof d.data?.requirement === 'string') {
      const suggestion = cdkSuggestion(ctx.sourceFile, resource, d.data.requirement, range, ctx.policy);
      if (suggestion) detection.suggestions = [suggestion];
    }
    out.push(detection);
  }
  return out;
}
