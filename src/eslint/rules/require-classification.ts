import { detectClassification } from '../../analysis/classification/index.js';
import { detectorRule } from '../create-rule.js';

/** Every data-model field declares its classification (public … restricted), at the level its data needs. */
export default detectorRule('require-classification', detectClassification);
