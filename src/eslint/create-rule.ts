import { ESLintUtils, type ParserServices, type TSESLint } from '@typescript-eslint/utils';
import ts from 'typescript';
import { maskAll } from '../analysis/mask.js';
import type { Detection, TsFileContext } from '../analysis/types.js';
import { suppressedLines } from '../gate/suppression-comments.js';
import { DOCS_BASE, RULES, type RuleId } from '../policy/rules.js';
import { scriptKindOf } from '../scanner/scanned-file.js';
import { policyForFile } from './policy-for-file.js';

export const createRule = ESLintUtils.RuleCreator((name) => `${DOCS_BASE}${name}.md`);

export type RuleOptions = [{ config?: string }];
export type MessageIds = 'finding' | 'suggestion';

interface DatagateSettings {
  datagate?: { config?: string };
}

/**
 * An ESLint rule that is a thin adapter over a datagate detector: it hands the detector the
 * TypeScript syntax tree typescript-eslint already parsed (and the type checker when the editor
 * has type information), and turns detections into reports and suggestions. The scanner calls
 * the same detector, so the editor and CI say the same thing.
 */
export function detectorRule(ruleId: RuleId, detect: (context: TsFileContext) => Detection[]) {
  return createRule<RuleOptions, MessageIds>({
    name: ruleId,
    meta: {
      type: 'problem',
      docs: { description: RULES[ruleId].description },
      hasSuggestions: true,
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: { config: { type: 'string', description: 'Path to datagate.yml (default: the nearest one above the file).' } },
        },
      ],
      messages: { finding: '{{message}}', suggestion: '{{message}}' },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return {
        Program(program) {
          const settings = context.settings as DatagateSettings;
          const policy = policyForFile(context.filename, options.config ?? settings.datagate?.config);
          if (policy.rules[ruleId] === 'off') return;
          const { sourceFile, checker, tsProgram } = sourceOf(context, program);
          const detections = detect({ sourceFile, fileName: context.filename, policy, checker, program: tsProgram });
          // `datagate-ignore-next-line <rule> -- <reason>` holds in the editor as in CI (src/gate)
          const ignored = suppressedLines(sourceFile.text, ruleId);
          for (const d of detections) {
            if (ignored.has(sourceFile.getLineAndCharacterOfPosition(d.range[0]).line + 1)) continue;
            report(context, d, sourceFile.text);
          }
        },
      };
    },
  });
}

function sourceOf(context: Readonly<TSESLint.RuleContext<MessageIds, RuleOptions>>, program: unknown) {
  const services = context.sourceCode.parserServices as Partial<ParserServices> | undefined;
  const mapped = services?.esTreeNodeToTSNodeMap?.get(program as never) as unknown;
  const tsProgram = services?.program ?? undefined;
  const sourceFile =
    mapped && ts.isSourceFile(mapped as ts.Node)
      ? (mapped as ts.SourceFile)
      : ts.createSourceFile(context.filename, context.sourceCode.text, ts.ScriptTarget.Latest, true, scriptKindOf(context.filename));
  return { sourceFile, tsProgram, checker: tsProgram?.getTypeChecker() };
}

function report(context: Readonly<TSESLint.RuleContext<MessageIds, RuleOptions>>, d: Detection, text: string): void {
  const secrets = (d.redact ?? []).map((r) => text.slice(r[0], r[1]));
  const { sourceCode } = context;
  context.report({
    messageId: 'finding',
    data: { message: maskAll(d.message, secrets) },
    loc: { start: sourceCode.getLocFromIndex(d.range[0]), end: sourceCode.getLocFromIndex(d.range[1]) },
    suggest: (d.suggestions ?? []).map((s) => ({
      messageId: 'suggestion' as const,
      data: { message: maskAll(s.message, secrets) },
      fix: (fixer: TSESLint.RuleFixer) => s.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text)),
    })),
  });
}
