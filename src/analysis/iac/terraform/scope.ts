import type { Block, Expr, HclFile } from './ast.js';

/** One parsed HCL file of a module, with the text its offsets point into. */
export interface ModuleFile {
  /** Absolute path. */
  path: string;
  text: string;
  hcl: HclFile;
}

export interface Declared<T> {
  file: ModuleFile;
  node: T;
}

/**
 * What one Terraform module (the .tf files of one directory) declares, so an expression in any of
 * its files can be resolved: `var.x` from a variable's default or the directory's auto-loaded
 * tfvars, `local.x` from a locals block, `data.aws_iam_policy_document.x.json` from its
 * statements, and `aws_lambda_function.x.function_name` from the resource's own argument.
 */
export interface ModuleScope {
  variables: Map<string, Declared<Block> & { default?: Expr }>;
  /** Values from terraform.tfvars / *.auto.tfvars in the same directory (Terraform loads these itself). */
  tfvars: Map<string, Declared<Expr>>;
  /** Values from the directory's other .tfvars files (prod.tfvars…), given with -var-file: any of them may apply. */
  varFiles: Map<string, Array<Declared<Expr>>>;
  locals: Map<string, Declared<Expr>>;
  /** 'aws_iam_policy_document.x' → its data block. */
  data: Map<string, Declared<Block>>;
  /** 'aws_lambda_function.x' → its resource block. */
  resources: Map<string, Declared<Block>>;
  /** default_tags of the aws provider blocks, applied to every resource of the module. */
  defaultTags: Array<Declared<Expr>>;
}

/** True for the variable files Terraform reads without being told (terraform.tfvars, *.auto.tfvars). */
export function isAutoTfvars(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'terraform.tfvars' || base.endsWith('.auto.tfvars');
}

export function isTerraformConfig(path: string): boolean {
  return path.endsWith('.tf');
}

export function buildScope(files: readonly ModuleFile[]): ModuleScope {
  const scope: ModuleScope = { variables: new Map(), tfvars: new Map(), varFiles: new Map(), locals: new Map(), data: new Map(), resources: new Map(), defaultTags: [] };
  for (const file of files) {
    if (isAutoTfvars(file.path)) {
      for (const item of file.hcl.body.items) if (item.type === 'Attribute') scope.tfvars.set(item.name, { file, node: item.expr });
      continue;
    }
    if (file.path.endsWith('.tfvars')) {
      for (const item of file.hcl.body.items) {
        if (item.type !== 'Attribute') continue;
        const list = scope.varFiles.get(item.name) ?? [];
        list.push({ file, node: item.expr });
        scope.varFiles.set(item.name, list);
      }
      continue;
    }
    if (!isTerraformConfig(file.path)) continue;
    for (const item of file.hcl.body.items) {
      if (item.type !== 'Block') continue;
      const [first, second] = item.labels.map((l) => l.value);
      switch (item.blockType) {
        case 'variable': {
          if (!first) break;
          const def = item.body.items.find((i) => i.type === 'Attribute' && i.name === 'default');
          scope.variables.set(first, { file, node: item, default: def?.type === 'Attribute' ? def.expr : undefined });
          break;
        }
        case 'locals':
          for (const local of item.body.items) if (local.type === 'Attribute') scope.locals.set(local.name, { file, node: local.expr });
          break;
        case 'data':
          if (first && second) scope.data.set(`${first}.${second}`, { file, node: item });
          break;
        case 'resource':
          if (first && second) scope.resources.set(`${first}.${second}`, { file, node: item });
          break;
        case 'provider':
          if (first === 'aws') {
            for (const inner of item.body.items) {
              if (inner.type !== 'Block' || inner.blockType !== 'default_tags') continue;
              const tags = inner.body.items.find((i) => i.type === 'Attribute' && i.name === 'tags');
              if (tags?.type === 'Attribute') scope.defaultTags.push({ file, node: tags.expr });
            }
          }
          break;
        default:
          break;
      }
    }
  }
  return scope;
}
