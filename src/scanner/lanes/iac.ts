import { dirname } from 'node:path';
import { readCdkResources } from '../../analysis/iac/cdk/index.js';
import { readCloudFormation } from '../../analysis/iac/cloudformation/read.js';
import { evaluateResources } from '../../analysis/iac/engine.js';
import type { IacResource } from '../../analysis/iac/model.js';
import { IAC_RULES } from '../../analysis/iac/requirements/types.js';
import { readTerraformModules } from '../../analysis/iac/terraform/index.js';
import type { Detection, FileDetection } from '../../analysis/types.js';
import type { Policy } from '../../policy/types.js';
import type { Lane, ProgramContext } from '../lane.js';
import type { ScannedFile } from '../scanned-file.js';

/**
 * The IaC lane: every format is read into the one resource model, then the same engine applies
 * rules/aws/ to it. A CloudFormation/SAM/Serverless/cdk.out template stands alone, so it is
 * checked per file; Terraform modules (a directory of .tf files) and CDK apps (TypeScript that
 * spans files) need the whole scan, so they are checked once in checkProgram.
 */
export const iacLane: Lane = {
  id: 'iac',
  rules: IAC_RULES,
  checkFile(file: ScannedFile, policy: Policy): Detection[] {
    const resources = readCloudFormation(file);
    if (resources.length === 0) return [];
    return evaluateResources(resources, policy)
      .filter((d) => d.file === file.path)
      .map(({ file: _file, ...d }) => d);
  },
  checkProgram(ctx: ProgramContext): FileDetection[] {
    const out: FileDetection[] = [];
    const hcl = ctx.files.filter((f) => f.kind === 'hcl');
    if (hcl.length > 0) {
      const { resources, problems } = readTerraformModules(hcl);
      out.push(...problems);
      // A Terraform module is a directory: links (bucket ↔ policy) never cross modules.
      for (const group of groupBy(resources, (r) => dirname(r.file))) out.push(...evaluateResources(group, ctx.policy));
    }
    if (ctx.tsFiles.length > 0) out.push(...evaluateResources(readCdkResources(ctx), ctx.policy));
    return out;
  },
};

function groupBy(resources: readonly IacResource[], keyOf: (r: IacResource) => string): IacResource[][] {
  const groups = new Map<string, IacResource[]>();
  for (const r of resources) {
    const key = keyOf(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}
