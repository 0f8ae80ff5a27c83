import ts from 'typescript';
import { loadPolicy } from '../../../src/policy/load.js';
import type { Policy } from '../../../src/policy/types.js';
import type { DataModel } from '../../../src/analysis/classification/model.js';
import { fieldLevel } from '../../../src/analysis/classification/resolve.js';

/** The shipped policy, as a project without datagate.yml under /srv/app gets it. */
export function shippedPolicy(overrides: Partial<Policy> = {}): Policy {
  return { ...loadPolicy({ noConfigFile: true, searchFrom: '/srv/app' }), ...overrides };
}

export function parse(fileName: string, code: string): ts.SourceFile {
  return ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** `Model.field=level(source)` lines: a compact, exact picture of what a reader saw. */
export function summary(models: readonly DataModel[], policy: Policy): string[] {
  return models.flatMap((m) =>
    m.fields.map((f) => {
      const s = fieldLevel(m, f, policy);
      const state =
        s.state === 'classified' ? `${s.level}(${s.source})` : s.state === 'relation' ? `→${s.to}` : s.state === 'unknown' ? `?${s.mark.raw}` : 'none';
      return `${m.syntax} ${m.name}.${f.name}=${state}${f.enumerated ? ' enum' : ''}`;
    }),
  );
}
