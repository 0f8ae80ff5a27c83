import type ts from 'typescript';
import type { Document } from 'yaml';
import type { IacResource } from '../model.js';
import { rawFromJson, rawFromYaml, type RawNode } from './raw.js';
import { isServerlessConfig, readServerless } from './serverless.js';
import { isTemplate, readTemplate } from './template.js';

/** Cheap text tests before a parse: a template names an AWS:: type; a Serverless service has `service:` at the top. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;
const SERVERLESS_HINT = /^["']?service["']?\s*:/m;

/** What the reader needs from a scanned file (ScannedFile provides it; tests can build one). */
export interface TemplateFile {
  /** Absolute path. */
  path: string;
  text: string;
  kind: string;
  readonly yaml: { docs: Document[] };
  readonly json: ts.JsonSourceFile;
}

/**
 * Resources from a CloudFormation template (YAML or JSON), an AWS SAM template, a Serverless
 * Framework `serverless.yml`, or a synthesized `cdk.out/*.template.json`. Any other YAML or JSON
 * file yields nothing, cheaply: the text is checked for a `Resources` key before it is walked.
 */
export function readCloudFormation(file: TemplateFile): IacResource[] {
  // `*.template` (the CloudFormation console's and older tools' extension) holds YAML or JSON.
  const template = file.kind === 'text' && /\.template$/i.test(file.path);
  if (file.kind !== 'yaml' && file.kind !== 'json' && !template) return [];
  if (!TEMPLATE_HINT.test(file.text) && !SERVERLESS_HINT.test(file.text)) return [];
  const roots: RawNode[] = [];
  if (file.kind === 'yaml' || template) {
    for (const doc of file.yaml.docs) {
      const root = rawFromYaml(doc, file.text);
      if (root) roots.push(root);
    }
  } else {
    const root = rawFromJson(file.json);
    if (root) roots.push(root);
  }
  return roots.flatMap((root) => {
    if (isServerlessConfig(root, file.path)) return readServerless(root, { file: file.path, text: file.text });
    if (isTemplate(root)) return readTemplate(root, { file: file.path, text: file.text });
    return [];
  });
}
