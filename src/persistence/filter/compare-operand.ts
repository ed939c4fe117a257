import { badFilter } from '../../errors';
import type { ComparableValue, CompareOperator, ScalarAttribute } from '../../domain/filter/filter';
import { caseKey } from '../../domain/shared/text';
import { toDbDate } from '../dialect';
import type { SqlParam } from '../dialect';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import { reachesKeyLength, storedKey } from '../keys';
import type { Operand } from './filter-target';
import { LIKE_ESCAPE, likePattern } from './like';

/** A compiled condition; `nullable` when SQL could yield NULL (an absent attribute) rather than false. */
export interface Condition extends Fragment {
  readonly nullable: boolean;
}

export const condition = (fragment: Fragment, nullable: boolean): Condition => ({ ...fragment, nullable });

const ORDERING_SQL = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
type Ordering = keyof typeof ORDERING_SQL;
const isLike = (op: CompareOperator): op is 'co' | 'sw' | 'ew' => op === 'co' || op === 'sw' || op === 'ew';

/** `expr op value` for eq, co/sw/ew (LIKE with escaping) and the orderings. */
function comparison(expr: Fragment, op: Exclude<CompareOperator, 'ne'>, value: SqlParam): Fragment {
  if (op === 'eq') return sql`${expr} = ${value}`;
  if (isLike(op))
    return sql`${expr} LIKE ${likePattern(op, String(value))} ESCAPE ${raw(`'${LIKE_ESCAPE}'`)}`;
  return sql`${expr} ${raw(ORDERING_SQL[op as Ordering])} ${value}`;
}

/**
 * RFC 7644 comparison of one operand. `ne` matches when the attribute is absent; the other
 * operators never match an absent attribute.
 */
export function compareOperand(
  operand: Operand,
  attribute: ScalarAttribute,
  op: CompareOperator,
  value: ComparableValue,
): Condition {
  if (op === 'ne') {
    // eq is NULL only when the operand is, and that case is taken by IS NULL.
    const eq = compareOperand(operand, attribute, 'eq', value);
    return condition(
      operand.nullable ? sql`(${operand.expr} IS NULL OR NOT (${eq}))` : sql`NOT (${eq})`,
      false,
    );
  }
  const matches = (fragment: Fragment) => condition(fragment, operand.nullable);
  switch (operand.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(attribute);
      return matches(
        attribute.caseExact ? exactString(operand, op, value) : caseInsensitive(operand, op, value),
      );
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(attribute);
      return matches(comparison(operand.expr, op, value ? 1 : 0));
    case 'dateTime':
      if (!(value instanceof Date)) throw wrongType(attribute);
      return matches(comparison(operand.expr, op, toDbDate(value)));
    case 'number':
      if (typeof value !== 'number') throw wrongType(attribute);
      return matches(comparison(operand.expr, op, value));
  }
}

function exactString(operand: Operand, op: Exclude<CompareOperator, 'ne'>, value: string): Fragment {
  // The lower-cased key is indexed: narrow by it, then compare exactly.
  if (op === 'eq' && operand.key) {
    return sql`(${operand.key.expr} = ${storedKey(caseKey(value))} AND ${operand.expr} = ${value})`;
  }
  return comparison(operand.expr, op, value);
}

function caseInsensitive(operand: Operand, op: Exclude<CompareOperator, 'ne'>, value: string): Fragment {
  const key = operand.key;
  if (key) {
    const wanted = caseKey(value);
    const conclusive = !key.truncated || !reachesKeyLength(wanted);
    // eq and sw on a cut key are exact as long as the value is shorter than the cut.
    if (conclusive && (!key.truncated || op === 'eq' || op === 'sw')) return comparison(key.expr, op, wanted);
    if (op === 'eq') {
      return sql`(${key.expr} = ${storedKey(wanted)} AND LOWER(${operand.expr}) = ${value.toLowerCase()})`;
    }
  }
  return comparison(sql`LOWER(${operand.expr})`, op, value.toLowerCase());
}

/** `pr`: has a value, and for strings a non-empty one. */
export function presentOperand(operand: Operand): Condition {
  const { expr } = operand;
  if (operand.kind === 'string') {
    return condition(
      operand.nullable ? sql`(${expr} IS NOT NULL AND ${expr} <> '')` : sql`${expr} <> ''`,
      false,
    );
  }
  return condition(operand.nullable ? sql`${expr} IS NOT NULL` : raw('1 = 1'), false);
}

const wrongType = (attribute: ScalarAttribute) =>
  badFilter('filter', `The filter value for '${attribute.path}' does not have the attribute's type`);
