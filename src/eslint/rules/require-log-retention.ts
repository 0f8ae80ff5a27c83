import { detectCdk } from '../../analysis/iac/cdk/detect.js';
import { loadFromDisk } from '../../analysis/iac/cdk/disk.js';
import { detectorRule } from '../create-rule.js';

/** require-log-retention in the editor: the CDK constructs of this file, through the same engine as the scan. */
export default detectorRule('require-log-retention', (ctx) => detectCdk('require-log-retention', ctx, loadFromDisk));
