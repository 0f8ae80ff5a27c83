import { detectCdk } from '../../analysis/iac/cdk/detect.js';
import { loadFromDisk } from '../../analysis/iac/cdk/disk.js';
import { detectorRule } from '../create-rule.js';

/** require-backup in the editor: the CDK constructs of this file, through the same engine as the scan. */
export default detectorRule('require-backup', (ctx) => detectCdk('require-backup', ctx, loadFromDisk));
