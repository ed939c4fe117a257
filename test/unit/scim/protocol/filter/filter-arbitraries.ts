import fc from 'fast-check';
import { COMPARE_OPERATORS } from '../../../../../src/scim/protocol';
import type { AttrPath, CompareValue, Filter } from '../../../../../src/scim/protocol';

/** Arbitrary, parser-valid filter ASTs (used by the round-trip property). */
const attributeName = fc.oneof(
  fc.constantFrom(
    'userName',
    'emails',
    'name',
    'value',
    'type',
    '$ref',
    'x-y_z1',
    'NOT',
    'And',
    'or',
    'pr',
    'eq',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
);
const schemaUrn = fc.constantFrom(
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'urn:acme:ext:v1.2-beta:User',
);

const resourcePath: fc.Arbitrary<AttrPath> = fc.record(
  { schema: schemaUrn, attribute: attributeName, subAttribute: attributeName },
  { requiredKeys: ['attribute'] },
);
const relativePath: fc.Arbitrary<AttrPath> = attributeName.map((attribute) => ({ attribute }));

const compareValue: fc.Arbitrary<CompareValue> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

function filterOf(path: fc.Arbitrary<AttrPath>, withValuePaths: boolean): fc.Arbitrary<Filter> {
  const { filter } = fc.letrec<{ filter: Filter; leaf: Filter }>((tie) => ({
    leaf: fc.oneof(
      fc.record({
        kind: fc.constant('compare' as const),
        path,
        op: fc.constantFrom(...COMPARE_OPERATORS),
        value: compareValue,
      }),
      fc.record({ kind: fc.constant('present' as const), path }),
      ...(withValuePaths
        ? [
            fc.record({
              kind: fc.constant('valuePath' as const),
              path: resourcePath.map(({ schema, attribute }) =>
                schema ? { schema, attribute } : { attribute },
              ),
              filter: filterOf(relativePath, false),
            }),
          ]
        : []),
    ),
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        filters: fc.array(tie('filter'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    ),
  }));
  return filter;
}

export const filterArbitrary = filterOf(resourcePath, true);
