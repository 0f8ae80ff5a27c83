import { isAbsolute, relative } from 'node:path';
import { detectCdk } from '../../analysis/iac/cdk/detect.js';
import { loadFromDisk } from '../../analysis/iac/cdk/disk.js';
import { checkTlsInSource } from '../../analysis/tls/source.js';
import { detectorRule } from '../create-rule.js';

/**
 * require-tls in the editor: CDK constructs that do not enforce TLS (through the same engine as
 * the scan), plus the code-level checks — certificate verification switched off,
 * NODE_TLS_REJECT_UNAUTHORIZED=0, http:// URLs to remote hosts.
 */
export default detectorRule('require-tls', (ctx) => {
  const rel = relative(ctx.policy.baseDir, ctx.fileName);
  const relPath = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : ctx.fileName;
  return [...detectCdk('require-tls', ctx, loadFromDisk), ...checkTlsInSource(ctx.sourceFile, relPath)];
});
