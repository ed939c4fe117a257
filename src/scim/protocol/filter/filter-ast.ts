/**
 * The filter AST (RFC 7644 §3.4.2.2).
 *
 * `and` / `or` are n-ary: `a and b and c` is one node with three children, so long flat chains
 * (`id eq "1" or id eq "2" or …`) stay shallow. Parentheses are not flattened:
 * `(a and b) and c` keeps the inner node, which is what lets `printFilter` round-trip exactly.
 * Inside a `valuePath`, paths are relative: `attribute` names a sub-attribute of `path`.
 */
import type { AttrPath } from '../attr-path';

export type { AttrPath };

export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

export type CompareValue = string | number | boolean | null;

export interface CompareFilter {
  readonly kind: 'compare';
  readonly path: AttrPath;
  readonly op: CompareOperator;
  readonly value: CompareValue;
}

export interface PresentFilter {
  readonly kind: 'present';
  readonly path: AttrPath;
}

export interface LogicalFilter {
  readonly kind: 'and' | 'or';
  /** Two or more operands. */
  readonly filters: readonly Filter[];
}

export interface NotFilter {
  readonly kind: 'not';
  readonly filter: Filter;
}

export interface ValuePathFilter {
  readonly kind: 'valuePath';
  /** The multi-valued (or complex) attribute whose values are tested. */
  readonly path: AttrPath;
  /** Tested against each value; its paths name sub-attributes of `path`. */
  readonly filter: Filter;
}

export type Filter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

export function isCompareOperator(word: string): word is CompareOperator {
  return (COMPARE_OPERATORS as readonly string[]).includes(word);
}
