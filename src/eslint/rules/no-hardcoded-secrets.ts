import { detectHardcodedSecrets } from '../../analysis/secrets/detect-ts.js';
import { detectorRule } from '../create-rule.js';

/** no-hardcoded-secrets in the editor: the scanner's detector, reported through ESLint. */
export default detectorRule('no-hardcoded-secrets', detectHardcodedSecrets);
