import type { Dialect } from '../dialect';
import type { Fragment } from '../fragment';

export type OperandKind = 'string' | 'boolean' | 'dateTime' | 'number';

/** A column (or expression) a filter can compare, from the whitelist: never built from input. */
export interface Operand {
  readonly expr: Fragment;
  readonly kind: OperandKind;
  readonly nullable: boolean;
  /**
   * The lower-cased (`caseKey`) form of the value, indexed. `truncated`: it holds only the first
   * KEY_LENGTH characters, so long comparison values are rechecked on `expr`.
   */
  readonly key?: { readonly expr: Fragment; readonly truncated: boolean };
}

export interface CompileScope {
  readonly dialect: Dialect;
  readonly organizationId: string;
}

/**
 * A multi-valued attribute as a semi-join: `outer IN (SELECT … WHERE <scope> AND <condition>)`.
 * The subquery is led by organization_id so it can be driven by an index.
 */
export interface MultiValuedSource {
  readonly outer: Fragment;
  /**
   * The subquery up to its WHERE clause's fixed conditions; the compiled sub-filter is ANDed to it.
   * `referenced` holds the sub-attributes the sub-filter names, so joins only they need can be left out.
   */
  subquery(scope: CompileScope, referenced: ReadonlySet<string>): Fragment;
  /**
   * For a source whose sub-filter cannot simply be ANDed to the end of the subquery: the whole
   * subquery with `condition` (null: none) placed where it belongs. Used instead of `subquery`.
   */
  enclose?(scope: CompileScope, condition: Fragment | null): Fragment;
  /** Sub-attribute name (lower case) → operand. */
  readonly columns: Readonly<Record<string, Operand>>;
}

/** What a resource's filter may name: canonical path (lower case) → operand, multi-valued path → source. */
export interface FilterTarget {
  readonly resource: string;
  readonly scalars: Readonly<Record<string, Operand>>;
  readonly multiValued: Readonly<Record<string, MultiValuedSource>>;
  /** The JSON column holding extension attribute values, when the resource has extensions. */
  readonly extensions?: Fragment;
}
