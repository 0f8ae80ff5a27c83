import { detectCdk } from '../../analysis/iac/cdk/detect.js';
import { loadFromDisk } from '../../analysis/iac/cdk/disk.js';
import { detectorRule } from '../create-rule.js';

/** require-encryption in the editor: the CDK constructs of this file, through the same engine as the scan. */
export default detectorRule('require-encryption', (ctx) => detectCdk('require-encryption', ctx, loadFromDisk));
