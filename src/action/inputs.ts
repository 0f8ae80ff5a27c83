import type { FailOn } from '../gate/exit-code.js';

/** The Action's inputs as the runner passes them (`INPUT_<NAME>` environment variables). */
export interface ActionInputs {
  paths: string[];
  config?: string;
  failOn: FailOn;
  baseline?: string;
  onlyChanged: 'true' | 'false' | 'auto';
  sarifFile: string;
}

export class InputError extends Error {}

/** GitHub upper-cases the input name and keeps its dashes: `fail-on` → `INPUT_FAIL-ON`. */
export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const paths = input(env, 'path').split(/[\n,]+/).map((p) => p.trim()).filter(Boolean);
  const failOn = input(env, 'fail-on') || 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new InputError(`input 'fail-on' must be error, warning or never (got '${failOn}')`);
  const onlyChanged = (input(env, 'only-changed') || 'auto').toLowerCase();
  if (onlyChanged !== 'true' && onlyChanged !== 'false' && onlyChanged !== 'auto') throw new InputError(`input 'only-changed' must be true, false or auto (got '${onlyChanged}')`);
  return {
    paths: paths.length > 0 ? paths : ['.'],
    config: input(env, 'config') || undefined,
    failOn,
    baseline: input(env, 'baseline') || undefined,
    onlyChanged,
    sarifFile: input(env, 'sarif-file') || 'datagate.sarif',
  };
}
