import type { Lane } from './lane.js';
import { classificationLane } from './lanes/classification.js';
import { iacLane } from './lanes/iac.js';
import { loggingLane } from './lanes/logging.js';
import { secretsLane } from './lanes/secrets.js';
import { tlsLane } from '../analysis/tls/lane.js';

/** Every lane the scanner runs, in order. A new lane is one import and one entry here. */
export const LANES: readonly Lane[] = [
  classificationLane,
  iacLane,
  loggingLane,
  secretsLane,
  tlsLane,
];
