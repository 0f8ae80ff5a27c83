import { resolve } from 'node:path';
import type { IacValue } from '../model.js';
import type { Block } from './ast.js';
import { Evaluator, sameValue, textOf } from './evaluate.js';
import { templateLiteral } from './parser.js';
import type { ModuleFile, ModuleScope } from './scope.js';

/** The .tf files of one directory: one Terraform module. */
export interface ModuleUnit {
  dir: string;
  files: ModuleFile[];
  scope: ModuleScope;
}

interface Call {
  caller: ModuleUnit;
  file: ModuleFile;
  block: Block;
  name: string;
}

/**
 * Evaluators for every module of the scan. A module called from another scanned module
 * (`module "payouts" { source = "./modules/worker-queue" … }`) reads its variables from what the
 * calls pass, evaluated in the caller — so `kms_master_key_id = var.kms_key_id` in the module is
 * the caller's `aws_kms_key.data.arn`. One resource model per module, not per call: when calls
 * pass different values for a variable, it is unresolved (the rules report it as unverifiable).
 */
export function moduleEvaluators(units: readonly ModuleUnit[]): Map<ModuleUnit, Evaluator> {
  const byDir = new Map(units.map((u) => [u.dir, u]));
  const calls = new Map<ModuleUnit, Call[]>();
  for (const caller of units) {
    for (const file of caller.files) {
      for (const item of file.hcl.body.items) {
        if (item.type !== 'Block' || item.blockType !== 'module' || !item.labels[0]) continue;
        const source = item.body.items.find((i) => i.type === 'Attribute' && i.name === 'source');
        const path = source?.type === 'Attribute' ? templateLiteral(source.expr) : undefined;
        // only local sources (./, ../) are part of the scan; registry and git modules are not
        if (!path || !/^\.\.?\//.test(path)) continue;
        const target = byDir.get(resolve(caller.dir, path));
        if (!target || target === caller) continue;
        const list = calls.get(target) ?? [];
        list.push({ caller, file, block: item, name: item.labels[0].value });
        calls.set(target, list);
      }
    }
  }

  const evaluators = new Map<ModuleUnit, Evaluator>();
  const inProgress = new Set<ModuleUnit>();
  const evaluatorFor = (unit: ModuleUnit): Evaluator => {
    const done = evaluators.get(unit);
    if (done) return done;
    const unitCalls = calls.get(unit) ?? [];
    let evaluator: Evaluator;
    if (unitCalls.length === 0 || inProgress.has(unit)) {
      evaluator = new Evaluator(unit.scope);
    } else {
      inProgress.add(unit);
      const inputs = new Map<string, IacValue>();
      for (const [name, variable] of unit.scope.variables) {
        const passed = unitCalls.map((call) => {
          const argument = call.block.body.items.find((i) => i.type === 'Attribute' && i.name === name);
          return argument?.type === 'Attribute' ? { call, value: evaluatorFor(call.caller).evaluate(argument.expr, call.file) } : undefined;
        });
        if (passed.every((p) => p === undefined)) continue; // every call leaves it to the default
        const values = passed.map((p) => p?.value ?? (variable.default ? new Evaluator(unit.scope).evaluate(variable.default, variable.file) : undefined));
        inputs.set(name, agree(values, unitCalls, name, variable.file, variable.node));
      }
      inProgress.delete(unit);
      evaluator = new Evaluator(unit.scope, inputs);
    }
    evaluators.set(unit, evaluator);
    return evaluator;
  };
  for (const unit of units) evaluatorFor(unit);
  return evaluators;
}

/** The one value every call gives a variable, or an unresolved value naming the calls that differ. */
function agree(values: Array<IacValue | undefined>, calls: Call[], name: string, file: ModuleFile, declaration: Block): IacValue {
  const [first] = values;
  const unresolved = (reason: string): IacValue => ({ kind: 'unresolved', text: `var.${name}`, reason, file: file.path, range: declaration.range });
  if (values.some((v) => v === undefined) || !first) {
    return unresolved(`variable "${name}" has no default and a call of the module does not set it`);
  }
  if (values.length === 1) return first;
  const unknown = values.find((v) => v!.kind === 'unresolved');
  if (unknown) return unknown;
  if (values.every((v) => sameValue(v!, first))) return first;
  const shown = values.map((v, i) => `module.${calls[i]!.name} passes ${describe(v!, calls[i]!.file)}`);
  return unresolved(`variable "${name}" differs between the module's calls (${shown.join('; ')})`);
}

function describe(value: IacValue, file: ModuleFile): string {
  if (value.kind === 'literal') return JSON.stringify(value.value);
  if (value.kind === 'reference' || value.kind === 'unresolved') return value.text;
  return textOf(file, value.range);
}
