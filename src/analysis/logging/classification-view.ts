import ts from 'typescript';
import { modelSensitivity, propertyLevel } from '../classification/index.js';
import type { Policy } from '../../policy/types.js';
import type { ClassificationView } from './analyzer.js';
import { accessKey } from './analyzer.js';

/**
 * The logging engine's view of declared classification (the classification lane's API): with a
 * type checker, a value whose type is a model with restricted/confidential fields is sensitive
 * whatever it is called, and a field declared public/internal is not, whatever it is called.
 */
export function classificationView(checker: ts.TypeChecker, policy: Policy): ClassificationView {
  const levelOfProperty = (objectNode: ts.Node, key: string): string | undefined => {
    const type = checker.getTypeAtLocation(objectNode);
    const symbol = type.getProperty(key) ?? checker.getApparentType(type).getProperty(key);
    return symbol ? propertyLevel(symbol, checker, policy) : undefined;
  };
  return {
    symbolLevel(symbol) {
      try {
        return propertyLevel(symbol, checker, policy);
      } catch {
        return undefined;
      }
    },
    valueLevel(node) {
      try {
        return modelSensitivity(checker.getTypeAtLocation(node), checker, policy);
      } catch {
        return undefined;
      }
    },
    propertyLevel(node) {
      try {
        if (ts.isBindingElement(node)) {
          const key = node.propertyName ?? node.name;
          if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return undefined;
          return ts.isObjectBindingPattern(node.parent) ? levelOfProperty(node.parent, key.text) : undefined;
        }
        if (ts.isPropertyAccessExpression(node)) {
          const symbol = checker.getSymbolAtLocation(node.name);
          return symbol ? propertyLevel(symbol, checker, policy) : undefined;
        }
        const key = accessKey(node);
        return key === undefined ? undefined : levelOfProperty(node.expression, key);
      } catch {
        return undefined;
      }
    },
  };
}
