import type ts from 'typescript';
import type { PartsRule } from './knowledge.js';

/**
 * What the engine tracks: a value either carries sensitive data from a source, or is (a part of)
 * a parameter of the function being summarised — which makes that function a logging wrapper
 * when the parameter reaches a sink.
 */

export type SourceKind =
  /** A whole request/event/context object (`req`, `event`, `ctx`). */
  | 'request'
  /** Request data: `req.body`, `event.queryStringParameters`, `await request.json()`, a part of them. */
  | 'request-data'
  /** Personal or secret data by name (`customer.email`, `apiKey`). */
  | 'name'
  /** A value whose type is a data model with restricted/confidential fields, or such a field. */
  | 'model';

export interface Source {
  kind: SourceKind;
  /** What the data is: "request body", "email address", "restricted Customer". */
  label: string;
  /** The source expression as written (shortened), e.g. `req.body`. */
  text: string;
  /** The expression (or declaration) the data comes from. */
  node: ts.Node;
  /** How reading a field of request data is judged. */
  parts?: PartsRule;
  /**
   * Set when the data is a parameter of a function (or a field read from one) that is itself
   * named as sensitive: such a function is reported where it logs, not at its call sites.
   */
  fromParam?: ts.ParameterDeclaration;
  /** A classified source: the data model it belongs to and the classified field names it carries. */
  model?: { name: string; fields: string[] };
  /** Named as a whole person record (`user`, `customer`): dropped when its type shows no personal fields. */
  record?: boolean;
}

/** One helper call a value passed through on its way to the sink. */
export interface ViaStep {
  call: ts.CallExpression;
  /** Helper name as called (`auditLog`, `audit.record`). */
  helper: string;
  /** The helper's declaration (its file is named in messages). */
  declaration: ts.Node;
}

export interface SourceTaint {
  type: 'source';
  source: Source;
}

export interface ParamRef {
  type: 'param';
  fn: ts.SignatureDeclaration;
  index: number;
  rest: boolean;
  /** Property path read from the parameter (`evt.user.email` → ['user', 'email']). */
  path: readonly string[];
  param: ts.ParameterDeclaration;
}

export type Taint = SourceTaint | ParamRef;

export const isSource = (t: Taint): t is SourceTaint => t.type === 'source';
export const isParam = (t: Taint): t is ParamRef => t.type === 'param';

/** A parameter of a function that reaches a log sink inside it (directly or via more helpers). */
export interface WrapperSink {
  index: number;
  rest: boolean;
  path: readonly string[];
  /** The logging call at the end of the chain. */
  sink: ts.CallExpression;
  sinkLabel: string;
  /** Helper calls between this function and the sink (innermost last). */
  via: ViaStep[];
  /** The function reports this flow itself (its parameter is named as sensitive). */
  reportedInside: boolean;
}

export interface FunctionSummary {
  sinks: WrapperSink[];
  /** What the function returns: parameter parts and sources. */
  returns: Taint[];
}
