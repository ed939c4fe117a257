/**
 * Prints a filter AST in canonical form: lower-case operators, single spaces, JSON literals, and
 * parentheses exactly where the tree needs them — around an `and`/`or` operand of an `and`, and
 * around an `or` operand of an `or` — so `parseFilter(printFilter(ast))` rebuilds the same tree.
 */
import { formatAttrPath } from '../attr-path';
import type { CompareValue, Filter } from './filter-ast';

export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${formatAttrPath(filter.path)} ${filter.op} ${printValue(filter.value)}`;
    case 'present':
      return `${formatAttrPath(filter.path)} pr`;
    case 'valuePath':
      return `${formatAttrPath(filter.path)}[${printFilter(filter.filter)}]`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'and':
      return filter.filters.map((operand) => printOperand(operand, ['and', 'or'])).join(' and ');
    case 'or':
      return filter.filters.map((operand) => printOperand(operand, ['or'])).join(' or ');
  }
}

function printOperand(operand: Filter, needsParentheses: readonly Filter['kind'][]): string {
  const text = printFilter(operand);
  return needsParentheses.includes(operand.kind) ? `(${text})` : text;
}

export function printValue(value: CompareValue): string {
  // JSON.stringify(-0) is "0"; keep the sign so the value survives a round trip.
  return Object.is(value, -0) ? '-0' : JSON.stringify(value);
}
