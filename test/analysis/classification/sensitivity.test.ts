import { Project, ts as morphTs } from 'ts-morph';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { modelSensitivity, propertyLevel } from '../../../src/analysis/classification/index.js';
import { shippedPolicy } from './helpers.js';

/**
 * The logging lane calls these with ts-morph's checker (its bundled TypeScript) on nodes the
 * classification readers parse with the project's TypeScript: this runs that seam.
 */
function program(files: Record<string, string>) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: morphTs.ScriptTarget.ES2022, experimentalDecorators: true } });
  for (const [path, text] of Object.entries(files)) project.createSourceFile(path, text);
  // ts-morph's bundled TypeScript and the project's are the same minor (test/eslint/plugin.test.ts).
  const checker = project.getTypeChecker().compilerObject as unknown as ts.TypeChecker;
  const values = project.getSourceFileOrThrow('/app/src/use.ts').getVariableDeclarationOrThrow('values').getInitializerOrThrow().compilerNode as unknown as ts.ArrayLiteralExpression;
  return { checker, values: values.elements };
}

const policy = shippedPolicy();

const MODELS = `
/** @classification internal */
export interface User {
  id: string;
  /** @classification restricted */
  email: string;
  /** @classification public */
  displayName: string;
  address?: { /** @classification restricted */ street: string; city: string };
}
/** @classification confidential */
export type Referral = { id: string; referrer: User; status: 'pending' | 'paid' };
/** @classification internal */
export interface Campaign { id: string; /** @classification public */ title: string }
/** @classification internal */
export interface Stats { /** @classification confidential */ clicks: number; day: string }
export class Payout {
  @Classification('restricted') iban!: string;
  @Classification('internal') id!: string;
}
declare function Classification(level: string): PropertyDecorator;
`;

describe('modelSensitivity and propertyLevel', () => {
  const { checker, values } = program({
    '/app/src/models/index.ts': MODELS,
    '/app/src/use.ts': `
import type { User, Referral, Campaign, Payout, Stats } from './models';
declare const user: User; declare const users: Promise<User[]> | undefined; declare const referral: Referral;
declare const campaign: Campaign; declare const payout: Payout; declare const picked: Pick<User, 'id' | 'displayName'>;
declare const partial: Partial<User>; declare const plain: { email: string }; declare const stats: Stats;
export const values = [user, users, referral, campaign, payout, picked, partial, plain, user.email, user.displayName, user.id, referral.referrer, user.address?.city, stats];
`,
  });
  const at = (i: number) => values[i]!;

  it('reports the highest declared level of a model value and the fields at it, through arrays, promises and relations', () => {
    const sensitivity = (i: number) => modelSensitivity(checker.getTypeAtLocation(at(i)), checker, policy);
    expect(sensitivity(0)).toEqual({ model: 'User', level: 'restricted', fields: ['email', 'address.street'] });
    expect(sensitivity(1)).toEqual({ model: 'User', level: 'restricted', fields: ['email', 'address.street'] });
    expect(sensitivity(2)).toEqual({ model: 'Referral', level: 'restricted', fields: ['referrer.email', 'referrer.address.street'] });
    expect(sensitivity(3)).toBeUndefined(); // internal and public only
    expect(sensitivity(4)).toEqual({ model: 'Payout', level: 'restricted', fields: ['iban'] });
    expect(sensitivity(5)).toBeUndefined(); // Pick<User, 'id' | 'displayName'>
    expect(sensitivity(6)).toMatchObject({ level: 'restricted', fields: ['email', 'address.street'] });
    expect(sensitivity(7)).toBeUndefined(); // an undeclared shape: names are no-sensitive-logging's business
  });

  it('gives a property its declared or inherited level; a relation inherits nothing', () => {
    const level = (i: number) => {
      const node = at(i) as ts.PropertyAccessExpression;
      const symbol = checker.getSymbolAtLocation(node.name);
      return symbol ? propertyLevel(symbol, checker, policy) : 'no symbol';
    };
    expect([8, 9, 10, 11, 12].map(level)).toEqual(['restricted', 'public', 'internal', undefined, 'internal']);
  });

  it('follows the configured levels: with five levels, the two highest are sensitive', () => {
    const custom = shippedPolicy({ levels: ['public', 'internal', 'confidential', 'restricted', 'secret'] });
    expect(modelSensitivity(checker.getTypeAtLocation(at(13)), checker, policy)).toEqual({ model: 'Stats', level: 'confidential', fields: ['clicks'] });
    expect(modelSensitivity(checker.getTypeAtLocation(at(13)), checker, custom)).toBeUndefined();
    expect(modelSensitivity(checker.getTypeAtLocation(at(0)), checker, custom)).toEqual({ model: 'User', level: 'restricted', fields: ['email', 'address.street'] });
  });
});
