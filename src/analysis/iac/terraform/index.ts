/** Terraform (HCL2) support: the parser, and the reader that turns .tf modules into IacResources. */
export { parseHcl, templateLiteral } from './parser.js';
export type { HclFile, Body, Block, Attribute, Expr } from './ast.js';
export { readTerraformResources, readTerraformModules, isTerraformFile } from './reader.js';
