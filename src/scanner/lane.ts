import type { Project } from 'ts-morph';
import type { Detection, FileDetection } from '../analysis/types.js';
import type { RuleId } from '../policy/rules.js';
import type { Policy } from '../policy/types.js';
import type { ScannedFile } from './scanned-file.js';

/** What a whole-program pass sees. */
export interface ProgramContext {
  cwd: string;
  policy: Policy;
  /** Every file of the scan. */
  files: readonly ScannedFile[];
  /** The TypeScript/JavaScript files of the scan. */
  tsFiles: readonly ScannedFile[];
  /** A ts-morph project over tsFiles (with the nearest tsconfig's options), built on first call. */
  project(): Project;
  /** The scanned file at an absolute path, if it is part of the scan. */
  fileAt(path: string): ScannedFile | undefined;
}

/**
 * One lane of detection (secrets, logging, IaC, classification). The scanner calls `checkFile`
 * for every file and `checkProgram` once; a lane that needs the whole program for TypeScript
 * (cross-file flows) does that work in `checkProgram` only, so each finding is reported once.
 */
export interface Lane {
  id: string;
  rules: readonly RuleId[];
  checkFile?(file: ScannedFile, policy: Policy): Detection[];
  checkProgram?(context: ProgramContext): FileDetection[];
}
