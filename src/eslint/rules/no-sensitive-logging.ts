import { detectSensitiveLogging } from '../../analysis/logging/index.js';
import { detectorRule } from '../create-rule.js';

/** no-sensitive-logging: a thin adapter over the logging engine (src/analysis/logging). */
export default detectorRule('no-sensitive-logging', detectSensitiveLogging);
