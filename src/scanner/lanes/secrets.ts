import { detectSecretsInText, type NamedSource } from '../../analysis/secrets/detect-files.js';
import { detectHardcodedSecrets } from '../../analysis/secrets/detect-ts.js';
import { fromJson, fromYaml } from '../../analysis/secrets/structured.js';
import type { Detection } from '../../analysis/types.js';
import type { Policy } from '../../policy/types.js';
import type { Lane } from '../lane.js';
import type { ScannedFile } from '../scanned-file.js';

/** Plain-text files whose lines are `key=value` settings (values may be unquoted). */
const SETTINGS_FILE = /(?:^|\/)(?:\.npmrc|\.yarnrc|\.pypirc|\.netrc|\.htpasswd|[^/]*\.(?:properties|ini|cfg|conf|cnf|toml|sh|bash|zsh|envrc|env\.[a-z]+))$|(?:^|\/)(?:Dockerfile|Containerfile)[^/]*$/i;
/** Prose: provider formats only (a `password: …` in a tutorial is not an assignment). */
const PROSE_FILE = /\.(?:md|markdown|mdx|rst|adoc|txt|html?|svg|csv|log)$/i;

/**
 * The secrets lane: no-hardcoded-secrets over every file kind — TS/JS through the shared detector
 * (the ESLint rule runs the same one), .env files, JSON and YAML config (docker-compose,
 * serverless.yml, SAM/CloudFormation with their SSM parameters), .npmrc and other settings files,
 * PEM/key files and any other text.
 */
export const secretsLane: Lane = {
  id: 'secrets',
  rules: ['no-hardcoded-secrets'],
  checkFile(file: ScannedFile, policy: Policy): Detection[] {
    if (file.text.length === 0) return [];
    if (file.kind === 'typescript') return detectHardcodedSecrets({ sourceFile: file.sourceFile, fileName: file.path, policy });
    return detectSecretsInText(file.text, policy, namedSourceOf(file));
  },
};

function namedSourceOf(file: ScannedFile): NamedSource {
  switch (file.kind) {
    case 'env':
      return { kind: 'dotenv' };
    case 'json':
      return { kind: 'structured', roots: [fromJson(file.json)] };
    case 'yaml':
      return { kind: 'structured', roots: file.yaml.docs.map((d) => fromYaml(d, file.text)) };
    case 'hcl':
      return { kind: 'assignments', quotedOnly: true, hcl: true };
    default:
      if (SETTINGS_FILE.test(file.relPath)) return { kind: 'assignments', quotedOnly: false };
      if (PROSE_FILE.test(file.relPath)) return { kind: 'prose' };
      return { kind: 'assignments', quotedOnly: true };
  }
}
