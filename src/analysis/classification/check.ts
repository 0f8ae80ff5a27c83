import { classifyName } from '../sensitive-names.js';
import type { Detection, Suggestion } from '../types.js';
import type { Policy } from '../../policy/types.js';
import { didYouMean, levelRank, resolveLevel, sensitiveFloor, topLevel } from './levels.js';
import type { DataModel, ModelField } from './model.js';
import { fieldLevel, modelDefault } from './resolve.js';
import { addTagEdit, levelText, replaceLevelEdit } from './tag-edits.js';

const RULE = 'require-classification' as const;

/**
 * The level datagate proposes for an untagged field: the taxonomy's level for a personal or
 * secret name, else the model's default, else the lowest level that counts as sensitive (a
 * reviewer lowers it; guessing low would hide data).
 */
export function proposedLevel(model: DataModel, field: ModelField, policy: Policy): { level: string; label?: string } {
  const named = field.enumerated ? undefined : classifyName(field.name, policy);
  if (named) return { level: resolveLevel(named.level, policy) ?? topLevel(policy), label: named.label };
  const fallback = modelDefault(model);
  const inherited = fallback ? resolveLevel(fallback.raw, policy) : undefined;
  return { level: inherited ?? sensitiveFloor(policy) };
}

function tagHint(model: DataModel, level: string): string {
  const shown = levelText(level, model);
  if (model.syntax === 'graphql-sdl') return `@classification(level: ${shown})`;
  if (model.syntax === 'prisma') return `/// @classification ${shown}`;
  return `@classification ${shown}`;
}

/** The models' classification problems: untagged fields, unknown levels, personal data classified too low. */
export function checkModels(models: readonly DataModel[], policy: Policy, text: string): Detection[] {
  const out: Detection[] = [];
  const levels = policy.levels.join(', ');
  for (const model of models) {
    if (model.defaultMark && !resolveLevel(model.defaultMark.raw, policy)) out.push(unknownLevel(model, model.name, model.defaultMark, policy, levels));
    for (const field of model.fields) {
      const qualified = `${model.name}.${field.name}`;
      const state = fieldLevel(model, field, policy);
      const data = { model: model.name, field: field.name, syntax: model.syntax };
      if (state.state === 'relation') continue;
      if (state.state === 'unknown') {
        // An unknown type-level default is reported once, on the type.
        if (state.source === 'declared') out.push(unknownLevel(model, qualified, state.mark, policy, levels));
        continue;
      }
      if (state.state === 'unclassified') {
        const proposal = proposedLevel(model, field, policy);
        const why = proposal.label ? ` (${proposal.label})` : '';
        const suggestions: Suggestion[] = [proposal.level, ...policy.levels.filter((l) => l !== proposal.level).reverse()].map((level) => ({
          message: `Classify '${qualified}' as ${level}`,
          edits: [addTagEdit(model, field, level, text)],
        }));
        out.push({
          ruleId: RULE,
          message: `Field '${qualified}' has no classification: add ${tagHint(model, proposal.level)}${why} or a default on '${model.name.split('.')[0]}' (levels: ${levels})`,
          range: field.range,
          suggestions: proposal.label ? suggestions.slice(0, 1) : suggestions,
          fingerprintKey: `unclassified:${qualified}`,
          data: { ...data, proposed: proposal.level },
        });
        continue;
      }
      if (field.enumerated) continue;
      const named = classifyName(field.name, policy);
      if (!named) continue;
      const required = resolveLevel(named.level, policy) ?? topLevel(policy);
      if (levelRank(state.level, policy) >= levelRank(required, policy)) continue;
      const through = state.source === 'inherited' ? ` through the default on '${model.name}'` : '';
      const edit = state.source === 'declared' ? replaceLevelEdit(model, state.mark, required) : addTagEdit(model, field, required, text);
      out.push({
        ruleId: RULE,
        message: `Field '${qualified}' (${named.label}) is classified '${state.level}'${through}; personal data and credentials must be '${required}'`,
        range: state.source === 'declared' ? state.mark.range : field.range,
        suggestions: [{ message: `Classify '${qualified}' as ${required}`, edits: [edit] }],
        fingerprintKey: `below:${qualified}`,
        data: { ...data, level: state.level, required, category: named.category },
      });
    }
  }
  return out;
}

function unknownLevel(model: DataModel, qualified: string, mark: NonNullable<DataModel['defaultMark']>, policy: Policy, levels: string): ReturnType<typeof checkModels>[number] {
  if (mark.raw === '') {
    return {
      ruleId: RULE,
      message: `The classification of '${qualified}' names no level (levels: ${levels})`,
      range: mark.range,
      fingerprintKey: `nolevel:${qualified}`,
      data: { model: model.name, syntax: model.syntax },
    };
  }
  const guess = didYouMean(mark.raw, policy);
  return {
    ruleId: RULE,
    message: `Unknown classification level '${mark.raw}' on '${qualified}'${guess ? `; did you mean '${guess}'?` : ''} (levels: ${levels})`,
    range: mark.range,
    suggestions: guess ? [{ message: `Use '${guess}'`, edits: [replaceLevelEdit(model, mark, guess)] }] : undefined,
    fingerprintKey: `unknown:${qualified}`,
    data: { model: model.name, syntax: model.syntax, level: mark.raw },
  };
}
