/**
 * The structured filter every list query accepts. It can express every RFC 7644 §3.4.2.2 filter:
 * boolean composition, the nine comparison operators and `pr`, and `some` for conditions that must
 * hold on one value of a multi-valued attribute (`emails[type eq "work" and value co "@x"]`).
 */
export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];
export type FilterOperator = CompareOperator | 'pr';

export type FilterValue = string | number | boolean | null;

/** A filter as a caller writes it: attribute paths are unresolved strings. */
export type FilterInput =
  | { readonly kind: 'and'; readonly filters: readonly FilterInput[] }
  | { readonly kind: 'or'; readonly filters: readonly FilterInput[] }
  | { readonly kind: 'not'; readonly filter: FilterInput }
  | {
      readonly kind: 'condition';
      readonly attribute: string;
      readonly op: FilterOperator;
      readonly value?: FilterValue;
    }
  | { readonly kind: 'some'; readonly attribute: string; readonly filter: FilterInput };

export type AttributeType =
  'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference' | 'binary';

/** A resolved reference to a filterable, sortable scalar: the persistence layer maps `path` to SQL. */
export interface ScalarAttribute {
  /** Canonical path, e.g. `userName`, `name.givenName`, `enterprise.department`, `meta.created`. */
  readonly path: string;
  readonly type: AttributeType;
  readonly caseExact: boolean;
  /** For extension attributes: the schema and attribute name, stored as JSON on the row. */
  readonly extension?: { readonly schema: string; readonly name: string; readonly multiValued: boolean };
}

export type ComparableValue = string | number | boolean | Date;

/** A validated filter, with every path resolved against an attribute catalog. */
export type ResolvedFilter =
  | { readonly kind: 'and'; readonly filters: readonly ResolvedFilter[] }
  | { readonly kind: 'or'; readonly filters: readonly ResolvedFilter[] }
  | { readonly kind: 'not'; readonly filter: ResolvedFilter }
  | {
      readonly kind: 'compare';
      readonly attribute: ScalarAttribute;
      readonly op: CompareOperator;
      readonly value: ComparableValue;
    }
  | { readonly kind: 'present'; readonly attribute: ScalarAttribute }
  /** `attribute` is a multi-valued attribute (`emails`); paths inside `filter` are its sub-attributes. */
  | { readonly kind: 'some'; readonly attribute: string; readonly filter: ResolvedFilter | null };
