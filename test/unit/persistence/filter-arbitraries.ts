import fc from 'fast-check';
import type { FilterInput } from '../../../src/domain/filter/filter';
import { userAttributeCatalog } from '../../../src/domain/users/user-attributes';

export const EXT = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

/** The default user catalog plus a few organization-defined extension attributes. */
export const CATALOG = userAttributeCatalog([
  {
    schema: EXT,
    name: 'badge',
    type: 'string',
    multiValued: false,
    caseExact: false,
    required: false,
    canonicalValues: [],
  },
  {
    schema: EXT,
    name: 'level',
    type: 'integer',
    multiValued: false,
    caseExact: false,
    required: false,
    canonicalValues: [],
  },
  {
    schema: EXT,
    name: 'tags',
    type: 'string',
    multiValued: true,
    caseExact: true,
    required: false,
    canonicalValues: [],
  },
  {
    schema: EXT,
    name: 'vip',
    type: 'boolean',
    multiValued: false,
    caseExact: false,
    required: false,
    canonicalValues: [],
  },
  {
    schema: EXT,
    name: 'hired',
    type: 'dateTime',
    multiValued: false,
    caseExact: false,
    required: false,
    canonicalValues: [],
  },
]);

export const condition = (attribute: string, op: string, value?: string | number | boolean): FilterInput =>
  ({ kind: 'condition', attribute, op, value }) as FilterInput;

const STRING_PATHS = [
  'userName',
  'externalId',
  'displayName',
  'title',
  'name.givenName',
  'enterprise.department',
  'enterprise.manager.value',
  'emails.value',
  'emails.type',
  'entitlements.value',
  'addresses.locality',
  'groups.value',
  'groups.display',
  `${EXT}:badge`,
  `${EXT}:tags`,
];

/** Short strings (so no key reaches the indexed key length) including SQL metacharacters. */
export const filterString = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ maxLength: 10, unit: 'grapheme' }),
  fc.constantFrom(
    "'",
    '"',
    '`',
    '\\',
    "'; DROP TABLE users; --",
    '%',
    '_',
    '!',
    '?',
    '$.x',
    'NULL',
    ') OR (1=1',
  ),
);

const stringCondition = fc
  .tuple(
    fc.constantFrom(...STRING_PATHS),
    fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le'),
    filterString,
  )
  .map(([path, op, value]) => condition(path, op, value));

const otherCondition = fc.oneof(
  fc.tuple(fc.constantFrom('eq', 'ne'), fc.boolean()).map(([op, value]) => condition('active', op, value)),
  fc
    .tuple(fc.constantFrom('eq', 'ne'), fc.boolean())
    .map(([op, value]) => condition('emails.primary', op, value)),
  fc
    .tuple(fc.constantFrom('gt', 'le', 'eq'), fc.integer())
    .map(([op, value]) => condition(`${EXT}:level`, op, value)),
  fc
    .tuple(
      fc.constantFrom('ge', 'lt'),
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    )
    .map(([op, value]) => condition('meta.created', op, value.toISOString())),
  fc.constantFrom(...STRING_PATHS, 'emails', 'active').map((path) => condition(path, 'pr')),
);

const emailPart = fc
  .tuple(fc.constantFrom('value', 'type', 'display'), fc.constantFrom('eq', 'co', 'ne'), filterString)
  .map(([path, op, value]) => condition(path, op, value));

/** Any valid user filter: nested and/or/not, `some` over emails, every operator family. */
export const userFilter: fc.Arbitrary<FilterInput> = fc.letrec<{ node: FilterInput }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringCondition,
    otherCondition,
    fc
      .array(tie('node'), { minLength: 1, maxLength: 3 })
      .map((filters) => ({ kind: 'and', filters }) as FilterInput),
    fc
      .array(tie('node'), { minLength: 1, maxLength: 3 })
      .map((filters) => ({ kind: 'or', filters }) as FilterInput),
    tie('node').map((filter) => ({ kind: 'not', filter }) as FilterInput),
    fc
      .array(emailPart, { minLength: 1, maxLength: 2 })
      .map(
        (filters) => ({ kind: 'some', attribute: 'emails', filter: { kind: 'and', filters } }) as FilterInput,
      ),
  ),
})).node;

/** The same filter with every string value replaced by `x` (dates and paths untouched). */
export function withNeutralStrings(filter: FilterInput): FilterInput {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map(withNeutralStrings) };
    case 'not':
      return { ...filter, filter: withNeutralStrings(filter.filter) };
    case 'some':
      return { ...filter, filter: withNeutralStrings(filter.filter) };
    case 'condition':
      return typeof filter.value === 'string' && filter.attribute !== 'meta.created'
        ? { ...filter, value: 'x' }
        : filter;
  }
}

/** Every string value in a filter. */
export function stringValues(filter: FilterInput): string[] {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.filters.flatMap(stringValues);
    case 'not':
    case 'some':
      return stringValues(filter.filter);
    case 'condition':
      return typeof filter.value === 'string' ? [filter.value] : [];
  }
}
