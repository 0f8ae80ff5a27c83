import { readCloudFormation } from '../iac/cloudformation/read.js';
import type { IacValue } from '../iac/model.js';
import type { Lane } from '../../scanner/lane.js';
import type { ScannedFile } from '../../scanner/scanned-file.js';
import type { Detection, Range } from '../types.js';
import { checkTlsInConfig } from './config.js';
import { loadTlsKnowledge } from './knowledge.js';
import { checkTlsInSource } from './source.js';

/** The code-level half of require-tls, per file: TS/JS, .env, YAML and JSON. (IaC resources are the IaC lane's.) */
export function checkTlsInFile(file: ScannedFile): Detection[] {
  if (file.kind === 'typescript') return checkTlsInSource(file.sourceFile, file.relPath);
  if (file.kind === 'env') return checkTlsInConfig(file);
  if (file.kind === 'yaml' || file.kind === 'json') return withoutIacDuplicates(file, checkTlsInConfig(file));
  return [];
}

/**
 * In a CloudFormation/SAM/Serverless template the IaC lane already reports a function whose
 * environment sets NODE_TLS_REJECT_UNAUTHORIZED (rules/aws/lambda.yaml), at the same value:
 * that finding is kept, this one dropped, so the setting is reported once.
 */
function withoutIacDuplicates(file: ScannedFile, found: Detection[]): Detection[] {
  const envChecks = loadTlsKnowledge().checks.filter((c) => c.kind === 'env');
  const envIds = new Set(envChecks.map((c) => c.id));
  if (!found.some((d) => envIds.has(String(d.data?.check)))) return found;
  const names = new Set(envChecks.flatMap((c) => c.names));
  const covered: Range[] = [];
  const collect = (v: IacValue | undefined): void => {
    if (v?.kind === 'object') {
      for (const e of v.entries) {
        if (names.has(e.key)) covered.push([e.keyRange[0], e.value.range[1]]);
        collect(e.value);
      }
    } else if (v?.kind === 'array') v.items.forEach(collect);
  };
  for (const r of readCloudFormation(file)) collect(r.props);
  if (covered.length === 0) return found;
  return found.filter((d) => !envIds.has(String(d.data?.check)) || !covered.some((c) => c[0] < d.range[1] && d.range[0] < c[1]));
}

export const tlsLane: Lane = {
  id: 'tls',
  rules: ['require-tls'],
  checkFile: (file) => checkTlsInFile(file),
};
