/**
 * SCIM 1.1 filters (draft-scim-api-01 §3.2.2.1): `attribute operator value` with the operators
 * `eq co sw pr gt ge lt le`, joined by `and`/`or` and grouped with parentheses. That grammar is a
 * subset of RFC 7644's, so a 1.1 filter is parsed by the shared 2.0 parser; what only 2.0 has —
 * `ne`, `ew`, `not (…)` and value paths `emails[type eq "work"]` — is rejected with a 400 that
 * names it. Paths are then rewritten to 2.0 spelling and the filter printed back, so the list
 * endpoints resolve, compile and page it exactly as they do a 2.0 filter.
 */
import type { CompareOperator, Filter, FilterLimits } from '../../protocol';
import { badRequest, formatAttrPath, parseFilter, printFilter } from '../../protocol';
import { toV2Path } from './v1-paths';

export const V1_COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'co', 'sw', 'gt', 'ge', 'lt', 'le'];

const notInV1 = (construct: string) =>
  badRequest(
    'invalidFilter',
    `SCIM 1.1 filters have no ${construct} (it is SCIM 2.0 syntax); use eq, co, sw, pr, gt, ge, lt, le with and, or and parentheses`,
  );

/** The 1.1 filter `text` as an equivalent 2.0 filter string. */
export function toV2Filter(text: string, limits: FilterLimits = {}): string {
  return printFilter(translate(parseFilter(text, limits)));
}

function translate(filter: Filter): Filter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { kind: filter.kind, filters: filter.filters.map(translate) };
    case 'present':
      return { kind: 'present', path: toV2Path(filter.path) };
    case 'compare':
      if (!V1_COMPARE_OPERATORS.includes(filter.op)) throw notInV1(`"${filter.op}" operator`);
      return { ...filter, path: toV2Path(filter.path) };
    case 'not':
      throw notInV1('"not" operator');
    case 'valuePath':
      throw notInV1(`value filter "${formatAttrPath(filter.path)}[…]"`);
  }
}
